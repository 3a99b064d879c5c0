using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>Creates staff accounts straight through Identity, for tests about what an account may do.</summary>
public static class StaffAccounts
{
    public static async Task<Librarian> CreateAsync(
        DeskApp app, string email, string[] roles, string displayName = "Test Librarian", bool mustChangePassword = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        var account = new Librarian
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            MustChangePassword = mustChangePassword,
        };
        (await users.CreateAsync(account, DeskApp.StaffPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRolesAsync(account, roles)).Succeeded.Should().BeTrue();
        return account;
    }

    /// <summary>A new account holding <paramref name="roles"/>, as the actor a service call names (services check it in the database).</summary>
    public static async Task<AuditActor> ActorAsync(DeskApp app, string displayName, params string[] roles)
    {
        var account = await CreateAsync(app, $"actor-{Guid.NewGuid():N}@test.local", roles, displayName);
        return new AuditActor(account.Id, account.DisplayName);
    }

    /// <summary>
    /// Takes a role away straight through Identity, as another desk process would: the account keeps its
    /// presence, and a tab signed in before still believes it holds the role.
    /// </summary>
    public static async Task RemoveRoleAsync(DeskApp app, string accountId, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        (await users.RemoveFromRoleAsync((await users.FindByIdAsync(accountId))!, role)).Succeeded.Should().BeTrue();
    }
}
