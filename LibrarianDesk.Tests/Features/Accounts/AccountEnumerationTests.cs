using System.Net;
using System.Text.RegularExpressions;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>Someone trying emails on the sign-in page cannot tell which belong to staff accounts.</summary>
public sealed partial class AccountEnumerationTests(AccountEnumerationTests.CountingDeskApp app) : IClassFixture<AccountEnumerationTests.CountingDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_email_gets_the_answer_of_a_wrong_password_for_a_real_account()
    {
        var email = await NewAccountAsync();

        var real = await AnswerAsync(email, "wrong-password");
        var unknown = await AnswerAsync($"nobody-{Guid.NewGuid():N}@test.local", "wrong-password");

        unknown.Should().Be(real);
        real.Status.Should().Be(HttpStatusCode.OK);
        real.Error.Should().Be("Email atau kata sandi salah.");
    }

    [Fact]
    public async Task Past_the_lockout_limit_a_real_account_and_an_unknown_email_still_get_the_same_answer()
    {
        var email = await NewAccountAsync();
        var nobody = $"nobody-{Guid.NewGuid():N}@test.local";

        // The fifth failure locks the real account; the sixth meets the lock.
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var real = await AnswerAsync(email, "wrong-password");
            var unknown = await AnswerAsync(nobody, "wrong-password");
            unknown.Should().Be(real, "attempt {0}", attempt);
            real.Error.Should().Be("Email atau kata sandi salah.", "attempt {0}", attempt);
        }

        // Only the password's owner learns about the lock; the audit log records it for IT staff.
        (await AnswerAsync(email, DeskApp.StaffPassword)).Error.Should().Contain("dikunci sementara");
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignInLockedOut && a.Target == email, Cancel))
            .Should().Be(3, "the wrong password that locked it, the one that met the lock, and the right one");
    }

    [Fact]
    public async Task A_deactivated_account_is_named_so_only_to_the_right_password()
    {
        var email = await NewAccountAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
            var account = await users.FindByEmailAsync(email);
            account!.IsActive = false;
            (await users.UpdateAsync(account)).Succeeded.Should().BeTrue();
        }

        (await AnswerAsync(email, "wrong-password")).Error.Should().Be("Email atau kata sandi salah.");
        (await AnswerAsync(email, DeskApp.StaffPassword)).Error.Should().Contain("sudah dinonaktifkan");
    }

    [Fact]
    public async Task An_unknown_email_and_a_locked_account_cost_a_password_check_like_a_wrong_password()
    {
        var email = await NewAccountAsync();

        (await ChecksDuringAsync(() => AnswerAsync(email, "wrong-password"))).Should().Be(1, "a wrong password is checked once");
        (await ChecksDuringAsync(() => AnswerAsync($"nobody-{Guid.NewGuid():N}@test.local", "wrong-password"))).Should().Be(1, "an unknown email too");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AnswerAsync(email, "wrong-password");
        }

        (await ChecksDuringAsync(() => AnswerAsync(email, "wrong-password"))).Should().Be(1, "a locked account too");
    }

    private async Task<int> ChecksDuringAsync(Func<Task> signIn)
    {
        var before = app.Hasher.Verifications;
        await signIn();
        return app.Hasher.Verifications - before;
    }

    private async Task<string> NewAccountAsync()
    {
        var email = $"enumeration-{Guid.NewGuid():N}@test.local";
        await StaffAccounts.CreateAsync(app, email, [DeskRoles.Librarian]);
        return email;
    }

    private async Task<(HttpStatusCode Status, string Error)> AnswerAsync(string email, string password)
    {
        using var client = app.CreateBrowserClient();
        var response = await SignIn.PostAsync(client, email, password);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, ErrorText(html));
    }

    /// <summary>The text of the sign-in page's error box ("" when there is none): the rest of the page differs by its antiforgery token.</summary>
    private static string ErrorText(string html)
    {
        var start = html.IndexOf("data-testid=\"signin-error\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var box = html[start..html.IndexOf("<form", start, StringComparison.Ordinal)];
        return WebUtility.HtmlDecode(TagPattern().Replace(box[(box.IndexOf('>', StringComparison.Ordinal) + 1)..], "")).Trim();
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    /// <summary>The desk with Identity's password hasher wrapped in a counter.</summary>
    public sealed class CountingDeskApp : DeskApp
    {
        public CountingPasswordHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<Librarian>>(Hasher)));
        }
    }

    public sealed class CountingPasswordHasher : IPasswordHasher<Librarian>
    {
        private readonly PasswordHasher<Librarian> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(Librarian user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Librarian user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
