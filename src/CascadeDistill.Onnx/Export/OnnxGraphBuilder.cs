using System.Runtime.InteropServices;
using CascadeDistill.Onnx.Schema;
using Google.Protobuf;

namespace CascadeDistill.Onnx.Export;

/// <summary>
/// Appends nodes, initializers and typed inputs/outputs to a <see cref="GraphProto"/>, giving every
/// intermediate value a unique name. Nodes must be added in topological order.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _next;

    public OnnxGraphBuilder(string name, string docString)
    {
        _graph = new GraphProto { Name = name, DocString = docString };
    }

    public GraphProto Graph => _graph;

    /// <summary>Declares a graph input whose dimensions are all symbolic (e.g. <c>batch</c>).</summary>
    public void AddInput(string name, TensorProto.Types.DataType type, IReadOnlyList<string> symbolicDims)
    {
        Claim(name);
        var shape = new TensorShapeProto();
        foreach (string dim in symbolicDims)
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = dim });
        }
        _graph.Input.Add(ValueInfo(name, type, shape));
    }

    /// <summary>Declares a graph output of shape [<paramref name="batchDim"/>, <paramref name="width"/>].</summary>
    public void AddOutput(string name, TensorProto.Types.DataType type, string batchDim, long width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batchDim });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        _graph.Output.Add(ValueInfo(name, type, shape));
    }

    public string AddFloatTensor(string hint, ReadOnlySpan<float> values, params ReadOnlySpan<long> dims) =>
        AddTensor(hint, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values), dims);

    public string AddInt64Tensor(string hint, ReadOnlySpan<long> values, params ReadOnlySpan<long> dims) =>
        AddTensor(hint, TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values), dims);

    /// <summary>Adds a node with one output, a fresh value name derived from <paramref name="hint"/>.</summary>
    public string AddNode(string opType, string hint, IReadOnlyList<string> inputs, params ReadOnlySpan<AttributeProto> attributes)
    {
        string output = Fresh(hint);
        AddNodeTo(opType, output, inputs, attributes);
        return output;
    }

    /// <summary>Adds a node whose single output takes a given name (a graph output).</summary>
    public void AddNodeTo(string opType, string output, IReadOnlyList<string> inputs, params ReadOnlySpan<AttributeProto> attributes)
    {
        if (!_names.Contains(output))
        {
            Claim(output);
        }
        var node = new NodeProto { OpType = opType, Name = $"{output}/{opType}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (AttributeProto attribute in attributes)
        {
            node.Attribute.Add(attribute);
        }
        _graph.Node.Add(node);
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto IntsAttribute(string name, params ReadOnlySpan<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        foreach (long value in values)
        {
            attribute.Ints.Add(value);
        }
        return attribute;
    }

    private string AddTensor(string hint, TensorProto.Types.DataType type, ReadOnlySpan<byte> littleEndian, ReadOnlySpan<long> dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; big-endian hosts are not supported.");
        }
        string name = Fresh(hint);
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(littleEndian) };
        foreach (long dim in dims)
        {
            tensor.Dims.Add(dim);
        }
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Fresh(string hint)
    {
        string name;
        do
        {
            name = $"{hint}_{_next++}";
        }
        while (_names.Contains(name));
        _names.Add(name);
        return name;
    }

    private void Claim(string name)
    {
        if (string.IsNullOrEmpty(name) || !_names.Add(name))
        {
            throw new InvalidOperationException($"ONNX value name '{name}' is empty or already used in graph '{_graph.Name}'.");
        }
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, TensorShapeProto shape) =>
        new()
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
}
