using System.Text;

namespace CascadeDistill.Datasets.Pairwise;

/// <summary>
/// Derives a per-request seed from a run seed and the request id, stable across processes and
/// machines: FNV-1a (64 bit) over the id's UTF-8 bytes, mixed with the seed by the SplitMix64
/// finaliser. (<see cref="string.GetHashCode()"/> is randomised per process and must not be used.)
/// </summary>
public static class RequestSeed
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static int Derive(int seed, string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ulong hash = FnvOffset;
        foreach (byte b in Encoding.UTF8.GetBytes(requestId))
        {
            hash = (hash ^ b) * FnvPrime;
        }
        ulong z = hash ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }
}
