namespace CascadeDistill.Onnx.Runtime;

/// <summary>
/// A multi-valued column as a tower takes it: row-major ids [rows, Width] padded with zeros, and
/// how many ids of each row are real.
/// </summary>
public sealed record PaddedIdList(long[] Ids, long[] Lengths, int Width);
