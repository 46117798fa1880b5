namespace CascadeDistill.Onnx.Contracts;

/// <summary>What an ONNX input of a tower carries.</summary>
public enum TowerInputRole
{
    /// <summary>Raw logged id(s): int64 [batch] for a categorical, int64 [batch, len] padded for a multi-valued feature.</summary>
    Ids,

    /// <summary>How many ids of each row of the matching <see cref="Ids"/> input are real: int64 [batch].</summary>
    Lengths,

    /// <summary>Raw logged numeric value: float [batch].</summary>
    Value,
}
