using System.Net;
using Anna.Server.Security;
using Anna.Server.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Security;

/// <summary>A sign-in link may say where the browser goes afterwards, but only to a path of this dashboard.</summary>
public sealed class SignInReturnPathTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    [Theory]
    [InlineData("/history?id=12", "/history?id=12")]
    [InlineData("/approvals", "/approvals")]
    [InlineData(null, "/")]
    [InlineData("//evil.example/steal", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("history", "/")]
    [InlineData("/a\nSet-Cookie: x=1", "/")]
    public async Task The_browser_lands_on_the_path_asked_for_or_on_the_start_page(string? then, string expected)
    {
        var (secret, _) = factory.Services.GetRequiredService<SignInLinks>().Issue(new AnnaIdentity("carol", AnnaRole.Viewer, AnnaDoor.Socket));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = null;

        var login = await client.GetAsync($"/auth/login?token={secret}" + (then is null ? "" : $"&then={Uri.EscapeDataString(then)}"));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(expected, login.Headers.Location!.OriginalString);
    }

    [Fact]
    public void A_link_carries_its_return_path_and_refuses_one_that_leaves_the_dashboard()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = new AnnaIdentity("carol", AnnaRole.Operator, AnnaDoor.Socket).ToPrincipal(),
            RequestServices = factory.Services,
        };
        var links = factory.Services.GetRequiredService<SignInLinks>();
        var address = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AnnaDashboardAddress>>();

        var issued = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<Anna.Server.Api.SignInLinkDto>>(
            Anna.Server.Api.AuthApi.IssueLink("/history?id=12", http, links, address).Result);
        var refused = Anna.Server.Api.AuthApi.IssueLink("//evil.example", http, links, address).Result;

        Assert.EndsWith("&then=%2Fhistory%3Fid%3D12", issued.Value!.Url, StringComparison.Ordinal);
        Assert.Contains("then", Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>(refused).ProblemDetails.Errors.Keys);
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/history?id=1", true)]
    [InlineData("", false)]
    [InlineData("//host", false)]
    [InlineData("/\\host", false)]
    [InlineData("/x\\y", false)]
    [InlineData("http://host/", false)]
    [InlineData("/tab\there", false)]
    public void Only_a_path_of_this_dashboard_is_local(string path, bool local) => Assert.Equal(local, LocalPath.IsLocal(path));
}
