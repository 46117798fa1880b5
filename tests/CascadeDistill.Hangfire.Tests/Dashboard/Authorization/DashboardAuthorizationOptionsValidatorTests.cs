using CascadeDistill.Hangfire.Dashboard.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CascadeDistill.Hangfire.Tests.Dashboard.Authorization;

public sealed class DashboardAuthorizationOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValidLocalOnly()
    {
        var options = new DashboardAuthorizationOptions();

        Assert.Equal(DashboardAuthorizationMode.LocalOnly, options.Authorization);
        Assert.True(new DashboardAuthorizationOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_BasicWithBadUsers_ListsEveryProblemWithItsPathAndNoSecret()
    {
        var options = new DashboardAuthorizationOptions { Authorization = DashboardAuthorizationMode.Basic };
        options.Users.Add(new DashboardUserOptions { Name = "ops", PasswordHash = "hunter2" });
        options.Users.Add(new DashboardUserOptions { Name = "ops", PasswordHash = DashboardPasswordHash.Create("x", DashboardPasswordHash.MinIterations) });
        options.Users.Add(new DashboardUserOptions { Name = "a:b", PasswordHash = DashboardPasswordHash.Create("y", DashboardPasswordHash.MinIterations) });

        ValidateOptionsResult result = new DashboardAuthorizationOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Serve:Dashboard:Users:0:PasswordHash",
                "Serve:Dashboard:Users:1:Name 'ops' is listed twice.",
                "Serve:Dashboard:Users:2:Name must be non-empty and contain no ':'.",
            ],
            result.Failures!.Select(f => f.StartsWith("Serve:Dashboard:Users:0:PasswordHash", StringComparison.Ordinal) ? "Serve:Dashboard:Users:0:PasswordHash" : f));
        Assert.DoesNotContain(result.Failures!, f => f.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BasicWithoutUsers_IsRefused() =>
        Assert.Contains(
            "Serve:Dashboard:Users is empty",
            Assert.Single(new DashboardAuthorizationOptionsValidator().Validate(null, new DashboardAuthorizationOptions { Authorization = DashboardAuthorizationMode.Basic }).Failures!),
            StringComparison.Ordinal);

    [Fact]
    public void Validate_PolicyModeWithUnknownPolicies_NamesThem()
    {
        var authorization = new AuthorizationOptions();
        authorization.AddPolicy("known", p => p.RequireAuthenticatedUser());
        var validator = new DashboardAuthorizationOptionsValidator(new DefaultAuthorizationPolicyProvider(Options.Create(authorization)));

        ValidateOptionsResult missingViewer = validator.Validate(null, new DashboardAuthorizationOptions { Authorization = DashboardAuthorizationMode.Policy });
        ValidateOptionsResult unknown = validator.Validate(null, new DashboardAuthorizationOptions { Authorization = DashboardAuthorizationMode.Policy, ViewerPolicy = "known", AdminPolicy = "nope" });

        Assert.Equal("Serve:Dashboard:ViewerPolicy is required when Serve:Dashboard:Authorization is Policy.", Assert.Single(missingViewer.Failures!));
        Assert.Equal("Serve:Dashboard:AdminPolicy 'nope' is not a registered authorization policy.", Assert.Single(unknown.Failures!));
    }
}
