using CascadeDistill.Features;
using CascadeDistill.Logs;
using CascadeDistill.Training;

namespace CascadeDistill.Evaluation;

/// <summary>Scores with a trained two-tower student: <c>dot(user vector, item vector)</c>.</summary>
public sealed class StudentScorer : IRankingScorer
{
    private readonly ITrainedStudent _student;
    private readonly IReadOnlyList<FeatureDefinition> _userFeatures;
    private readonly float[] _catalogueVectors;
    private readonly int _dim;

    /// <param name="catalogueVectors">Row-major [catalogue, dim] item vectors, in catalogue order.</param>
    public StudentScorer(string name, ITrainedStudent student, IReadOnlyList<FeatureDefinition> userFeatures, float[] catalogueVectors, int dim)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(userFeatures);
        ArgumentNullException.ThrowIfNull(catalogueVectors);
        Name = name;
        _student = student;
        _userFeatures = userFeatures;
        _catalogueVectors = catalogueVectors;
        _dim = dim;
    }

    public string Name { get; }

    public float[] ScoreCandidates(RequestBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        float[] user = EncodeUser(block);
        float[] items = _student.EncodeItems(block.Features);
        return Dot(user, items, block.Count);
    }

    public float[]? ScoreCatalogue(RequestBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return Dot(EncodeUser(block), _catalogueVectors, _catalogueVectors.Length / _dim);
    }

    private float[] EncodeUser(RequestBlock block)
    {
        var columns = _userFeatures.ToDictionary(f => f.Name, f => block.Features[f.Name].Select([0]), StringComparer.Ordinal);
        return _student.EncodeUsers(new FeatureBatch(1, columns));
    }

    private float[] Dot(float[] user, float[] items, int rows)
    {
        var scores = new float[rows];
        ReadOnlySpan<float> u = user;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> v = items.AsSpan(r * _dim, _dim);
            float sum = 0;
            for (int d = 0; d < v.Length; d++)
            {
                sum += u[d] * v[d];
            }
            scores[r] = sum;
        }
        return scores;
    }
}
