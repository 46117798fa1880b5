using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>
/// PBKDF2-SHA256 password hashes in the form <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64 salt and
/// hash). Verification derives the key again and compares in constant time.
/// </summary>
public sealed class DashboardPasswordHash
{
    public const string Prefix = "pbkdf2-sha256";

    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023).</summary>
    public const int DefaultIterations = 600_000;

    public const int MinIterations = 1_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private DashboardPasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    /// <summary>A new hash of <paramref name="password"/> with a random salt.</summary>
    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Derive(password, salt, iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Parses a stored hash; null with <paramref name="problem"/> when it is malformed.</summary>
    public static DashboardPasswordHash? TryParse(string? text, out string? problem)
    {
        string[] parts = (text ?? "").Split('$');
        if (parts.Length != 4 || parts[0] != Prefix)
        {
            problem = $"is not of the form {Prefix}$ITERATIONS$SALT$HASH";
            return null;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations < MinIterations)
        {
            problem = $"has an iteration count below {MinIterations.ToString(CultureInfo.InvariantCulture)} or not a number";
            return null;
        }

        byte[]? salt = FromBase64(parts[2]);
        byte[]? hash = FromBase64(parts[3]);
        if (salt is not { Length: >= 8 } || hash is not { Length: HashBytes })
        {
            problem = $"needs a base64 salt of at least 8 bytes and a base64 hash of {HashBytes.ToString(CultureInfo.InvariantCulture)} bytes";
            return null;
        }

        problem = null;
        return new DashboardPasswordHash(iterations, salt, hash);
    }

    /// <summary>True when <paramref name="password"/> derives the stored hash (compared in constant time).</summary>
    public bool Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations), _hash);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    private static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
