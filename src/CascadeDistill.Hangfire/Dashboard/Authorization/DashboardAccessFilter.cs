using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using global::Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CascadeDistill.Hangfire.Dashboard.Authorization;

/// <summary>
/// The dashboard's only authorization filter: decides a request's <see cref="DashboardAccess"/> by the configured
/// <see cref="DashboardAuthorizationMode"/> and keeps it on the request, so <see cref="IsReadOnly"/> hides and refuses
/// job commands for everyone who is not admin. Unauthenticated requests get 401 (with a basic challenge in
/// <see cref="DashboardAuthorizationMode.Basic"/>), authenticated ones without rights 403 (Hangfire's responses).
/// </summary>
public sealed class DashboardAccessFilter : IDashboardAsyncAuthorizationFilter
{
    private const string AccessItem = "CascadeDistill.DashboardAccess";
    private const int MaxCachedCredentials = 256;

    private readonly DashboardAuthorizationOptions _options;
    private readonly Dictionary<string, (DashboardPasswordHash Hash, bool Admin)> _users = new(StringComparer.Ordinal);
    private readonly DashboardPasswordHash _decoy;

    /// <summary>Credentials already verified, by SHA-256 of user and password: PBKDF2 runs once per credential, not on every request.</summary>
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    public DashboardAccessFilter(DashboardAuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        foreach (DashboardUserOptions user in options.Users)
        {
            if (DashboardPasswordHash.TryParse(user.PasswordHash, out _) is { } hash)
            {
                _users[user.Name] = (hash, user.Admin);
            }
        }
        int iterations = _users.Count > 0 ? _users.Values.Max(u => u.Hash.Iterations) : DashboardPasswordHash.MinIterations;
        _decoy = DashboardPasswordHash.TryParse(DashboardPasswordHash.Create("decoy", iterations), out _)!;
    }

    /// <summary>Read-only unless the request was let in as admin and the dashboard is not read-only for everyone.</summary>
    public static bool IsReadOnly(DashboardContext context, bool readOnlyForEveryone)
    {
        ArgumentNullException.ThrowIfNull(context);
        return readOnlyForEveryone || AccessOf(context.GetHttpContext()) != DashboardAccess.Admin;
    }

    /// <summary>The access decided for this request, <see cref="DashboardAccess.None"/> before the filter ran.</summary>
    public static DashboardAccess AccessOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(AccessItem, out object? value) && value is DashboardAccess access ? access : DashboardAccess.None;
    }

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        HttpContext http = context.GetHttpContext();
        DashboardAccess access = await DecideAsync(http).ConfigureAwait(false);
        http.Items[AccessItem] = access;
        if (access == DashboardAccess.None && _options.Authorization == DashboardAuthorizationMode.Basic)
        {
            http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{_options.Realm}\", charset=\"UTF-8\"";
        }
        return access != DashboardAccess.None;
    }

    public Task<DashboardAccess> DecideAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _options.Authorization switch
        {
            DashboardAuthorizationMode.LocalOnly => Task.FromResult(Locality(context).IsLocal(context) ? DashboardAccess.Admin : DashboardAccess.None),
            DashboardAuthorizationMode.Basic => Task.FromResult(CheckBasic(context)),
            DashboardAuthorizationMode.Policy => CheckPoliciesAsync(context),
            _ => Task.FromResult(DashboardAccess.None),
        };
    }

    private static IDashboardRequestLocality Locality(HttpContext context) =>
        context.RequestServices?.GetService<IDashboardRequestLocality>() ?? LoopbackRequestLocality.Instance;

    private DashboardAccess CheckBasic(HttpContext context)
    {
        if (BasicCredentials.TryParse(context.Request.Headers.Authorization) is not { } credentials)
        {
            return DashboardAccess.None;
        }

        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.User + "\n" + credentials.Password)));
        if (_verified.TryGetValue(key, out bool cachedAdmin))
        {
            return cachedAdmin ? DashboardAccess.Admin : DashboardAccess.ReadOnly;
        }

        if (!_users.TryGetValue(credentials.User, out (DashboardPasswordHash Hash, bool Admin) user))
        {
            // Same cost as a known user, so response times do not reveal which names exist.
            _decoy.Verify(credentials.Password);
            return DashboardAccess.None;
        }

        if (!user.Hash.Verify(credentials.Password))
        {
            return DashboardAccess.None;
        }

        if (_verified.Count >= MaxCachedCredentials)
        {
            _verified.Clear();
        }
        _verified[key] = user.Admin;
        return user.Admin ? DashboardAccess.Admin : DashboardAccess.ReadOnly;
    }

    private async Task<DashboardAccess> CheckPoliciesAsync(HttpContext context)
    {
        IAuthorizationService authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (string.IsNullOrWhiteSpace(_options.ViewerPolicy)
            || !(await authorization.AuthorizeAsync(context.User, _options.ViewerPolicy).ConfigureAwait(false)).Succeeded)
        {
            return DashboardAccess.None;
        }

        bool admin = !string.IsNullOrWhiteSpace(_options.AdminPolicy)
            && (await authorization.AuthorizeAsync(context.User, _options.AdminPolicy).ConfigureAwait(false)).Succeeded;
        return admin ? DashboardAccess.Admin : DashboardAccess.ReadOnly;
    }
}
