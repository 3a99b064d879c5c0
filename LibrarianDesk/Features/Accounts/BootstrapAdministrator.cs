using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Accounts;

/// <summary>On an empty database, creates the roles and a first administrator (IT admin) so someone can sign in and create the staff.</summary>
internal sealed class BootstrapAdministrator(
    UserManager<Librarian> users,
    RoleManager<IdentityRole> roles,
    DeskDbContext db,
    AuditTrail audit,
    IOptions<BootstrapOptions> options,
    IBootstrapReporter reporter,
    TimeProvider time,
    ILogger<BootstrapAdministrator> logger)
{
    public const string DefaultAdminEmail = "admin@librariandesk.local";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var role in DeskRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowOnFailure(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = options.Value;
        var email = string.IsNullOrWhiteSpace(configured.AdminEmail) ? DefaultAdminEmail : configured.AdminEmail.Trim();
        var generated = string.IsNullOrEmpty(configured.AdminPassword);
        var password = generated ? PasswordGenerator.Generate() : configured.AdminPassword!;

        var admin = new Librarian
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = configured.AdminDisplayName,
            MustChangePassword = generated,
            CreatedAt = time.GetUtcNow(),
        };
        ThrowOnFailure(await users.CreateAsync(admin, password));
        // IT admin only: the administrator creates the librarians, and is not one (never Online, never rung).
        ThrowOnFailure(await users.AddToRoleAsync(admin, DeskRoles.ItAdmin));
        audit.Record(db, AuditActor.System, AuditActions.AccountBootstrapped, email);
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Created the first administrator {Email} (password {Source})",
            email, generated ? "generated, shown on the console" : "from configuration");
        if (generated)
        {
            reporter.GeneratedAdministrator(email, password);
        }
    }

    private static void ThrowOnFailure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the first administrator: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
