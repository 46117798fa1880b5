using CascadeDistill.Hangfire.Dashboard.Authorization;

namespace CascadeDistill.Hangfire.Tests.Dashboard.Authorization;

public sealed class DashboardPasswordHashTests
{
    private const int FastIterations = DashboardPasswordHash.MinIterations;

    [Fact]
    public void Create_ThenVerify_AcceptsOnlyThePassword()
    {
        string text = DashboardPasswordHash.Create("correct horse", FastIterations);
        DashboardPasswordHash hash = DashboardPasswordHash.TryParse(text, out string? problem)!;

        Assert.Null(problem);
        Assert.StartsWith("pbkdf2-sha256$1000$", text, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", text, StringComparison.Ordinal);
        Assert.True(hash.Verify("correct horse"));
        Assert.False(hash.Verify("correct horse "));
        Assert.False(hash.Verify("Correct horse"));
        Assert.False(hash.Verify(""));
    }

    [Fact]
    public void Create_SamePasswordTwice_UsesFreshSalts() =>
        Assert.NotEqual(DashboardPasswordHash.Create("pw", FastIterations), DashboardPasswordHash.Create("pw", FastIterations));

    [Fact]
    public void Create_DefaultIterations_FollowsOwasp() =>
        Assert.StartsWith("pbkdf2-sha256$600000$", DashboardPasswordHash.Create("pw"), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("pbkdf2-sha1$1000$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$10$c2FsdHNhbHQ=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHQ=$c2hvcnQ=")]
    public void TryParse_Malformed_ReturnsNullWithAProblem(string text)
    {
        Assert.Null(DashboardPasswordHash.TryParse(text, out string? problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }
}
