namespace CascadeDistill.Students;

/// <summary>A linear layer <c>y = W x + b</c> with <c>W</c> of shape [out, in] (PyTorch's layout).</summary>
public sealed record DenseLayer(DenseMatrix Weight, float[] Bias)
{
    public int InputWidth => Weight.Columns;

    public int OutputWidth => Weight.Rows;
}
