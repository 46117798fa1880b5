using System.Net.Http.Headers;
using System.Text;

namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>User name and password of an HTTP basic <c>Authorization</c> header (RFC 7617, UTF-8).</summary>
public sealed record BasicCredentials(string User, string Password)
{
    /// <summary>The credentials of <paramref name="authorizationHeader"/>, or null when it is missing or not well-formed basic credentials.</summary>
    public static BasicCredentials? TryParse(string? authorizationHeader)
    {
        if (!AuthenticationHeaderValue.TryParse(authorizationHeader, out AuthenticationHeaderValue? header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null;
        }

        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]) : null;
    }
}
