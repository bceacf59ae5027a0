using System.Security.Claims;
using Hyperfleet.Server.Data;
using Hyperfleet.Server.Desktops;

namespace Hyperfleet.Server.Tests.Desktops;

/// <summary>The one rule for who may act on a desktop, as a table; the query form must agree with it.</summary>
public sealed class DesktopAccessTests
{
    private static ClaimsPrincipal Principal(string? name, string? role)
    {
        if (name is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }
        List<Claim> claims = [new(ClaimTypes.Name, name)];
        if (role is not null)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Theory]
    [InlineData("admin", Roles.Admin, "ana", true)]
    [InlineData("root2", Roles.Admin, "admin", true)]
    [InlineData("ana", Roles.User, "ana", true)]
    [InlineData("ana", Roles.User, "bob", false)]
    [InlineData("ana", Roles.User, "Ana", false)]
    [InlineData("ana", "auditor", "ana", false)]
    [InlineData("ana", null, "ana", false)]
    [InlineData(null, null, "ana", false)]
    public void MayUse_Table(string? name, string? role, string owner, bool expected)
    {
        var principal = Principal(name, role);
        var desktop = new Desktop { Id = "d1", Owner = owner, TemplateId = "t", PoolId = "p", DiskPath = "/d1.qcow2" };
        Assert.Equal(expected, DesktopAccess.MayUse(principal, desktop));
        Assert.Equal(expected, DesktopAccess.MayUse(principal, owner));
        Assert.Equal(expected, new[] { desktop }.AsQueryable().VisibleTo(principal).Any());
    }
}
