using System.Text;
using CascadeDistill.Hangfire.Dashboard.Authorization;

namespace CascadeDistill.Hangfire.Tests.Dashboard.Authorization;

public sealed class BasicCredentialsTests
{
    [Fact]
    public void TryParse_WellFormed_SplitsAtTheFirstColon() =>
        Assert.Equal(new BasicCredentials("ops", "pa:ss wörd"), BasicCredentials.TryParse("Basic " + Base64("ops:pa:ss wörd")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic !!!notbase64")]
    public void TryParse_NotBasicCredentials_ReturnsNull(string? header) => Assert.Null(BasicCredentials.TryParse(header));

    [Fact]
    public void TryParse_NoColonOrEmptyUser_ReturnsNull()
    {
        Assert.Null(BasicCredentials.TryParse("Basic " + Base64("opsonly")));
        Assert.Null(BasicCredentials.TryParse("Basic " + Base64(":password")));
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
