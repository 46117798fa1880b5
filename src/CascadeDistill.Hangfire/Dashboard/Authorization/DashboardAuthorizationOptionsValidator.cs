using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>
/// Checks <see cref="DashboardAuthorizationOptions"/> at start and lists every problem with its configuration path:
/// basic users need unique names without ':' and well-formed PBKDF2 hashes (never a plain password); policy mode
/// needs a viewer policy, and the named policies must be registered.
/// </summary>
public sealed class DashboardAuthorizationOptionsValidator(IAuthorizationPolicyProvider? policies = null) : IValidateOptions<DashboardAuthorizationOptions>
{
    private const string Path = DashboardAuthorizationOptions.Section;

    public ValidateOptionsResult Validate(string? name, DashboardAuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Authorization))
        {
            errors.Add($"{Path}:Authorization '{options.Authorization}' is not one of: {string.Join(", ", Enum.GetNames<DashboardAuthorizationMode>())}.");
        }

        if (options.Authorization == DashboardAuthorizationMode.Basic)
        {
            ValidateUsers(options, errors);
        }

        if (options.Authorization == DashboardAuthorizationMode.Policy)
        {
            ValidatePolicies(options, errors);
        }

        if (string.IsNullOrWhiteSpace(options.Realm) || options.Realm.Contains('"', StringComparison.Ordinal))
        {
            errors.Add($"{Path}:Realm must be non-empty text without '\"'.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateUsers(DashboardAuthorizationOptions options, List<string> errors)
    {
        if (options.Users.Count == 0)
        {
            errors.Add($"{Path}:Users is empty: Basic authorization needs at least one user (Name, PasswordHash, Admin).");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Users.Count; i++)
        {
            DashboardUserOptions user = options.Users[i];
            string at = $"{Path}:Users:{i}";
            if (string.IsNullOrWhiteSpace(user.Name) || user.Name.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"{at}:Name must be non-empty and contain no ':'.");
            }
            else if (!seen.Add(user.Name))
            {
                errors.Add($"{at}:Name '{user.Name}' is listed twice.");
            }

            if (DashboardPasswordHash.TryParse(user.PasswordHash, out string? problem) is null)
            {
                // The value itself is never echoed: it might be a password pasted by mistake.
                errors.Add($"{at}:PasswordHash {problem} (create one with: cascade-distill dashboard-password).");
            }
        }
    }

    private void ValidatePolicies(DashboardAuthorizationOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ViewerPolicy))
        {
            errors.Add($"{Path}:ViewerPolicy is required when {Path}:Authorization is Policy.");
        }

        foreach ((string key, string? policy) in new[] { ("ViewerPolicy", options.ViewerPolicy), ("AdminPolicy", options.AdminPolicy) })
        {
            if (!string.IsNullOrWhiteSpace(policy) && policies is not null && policies.GetPolicyAsync(policy).GetAwaiter().GetResult() is null)
            {
                errors.Add($"{Path}:{key} '{policy}' is not a registered authorization policy.");
            }
        }
    }
}
