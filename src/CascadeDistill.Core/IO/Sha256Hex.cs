using System.Security.Cryptography;
using System.Text;

namespace CascadeDistill.IO;

/// <summary>Lowercase hex SHA-256 of in-memory content (config hashes, dataset digests), and its format check.</summary>
public static class Sha256Hex
{
    /// <summary>Length of a hex SHA-256: 64 characters.</summary>
    public const int Length = 64;

    /// <summary>SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(Encoding.UTF8.GetBytes(text));
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>True for exactly 64 lowercase hex digits.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <exception cref="ArgumentException">The value is not 64 lowercase hex digits.</exception>
    public static void ThrowIfInvalid(string? value, string paramName)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"Expected a lowercase hex SHA-256 (64 characters), got '{value}'.", paramName);
        }
    }
}
