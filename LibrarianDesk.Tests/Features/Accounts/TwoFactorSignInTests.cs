using System.Net;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>An authenticator app as the second factor: enrolment, the code after the password, recovery codes, lockout, remembered browsers.</summary>
public sealed class TwoFactorSignInTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> TextAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(Cancel);

    /// <summary>A new librarian, signed in with the password on a fresh client.</summary>
    private async Task<(Librarian Account, HttpClient Client)> SignedInLibrarianAsync(string name)
    {
        var account = await StaffAccounts.CreateAsync(app, $"{name}-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], name);
        var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, account.Email!, DeskApp.StaffPassword);
        return (account, client);
    }

    private async Task<List<string>> AuditActionsAsync(string email)
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.Where(a => a.Target == email).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Cancel);
    }

    private async Task<Librarian> AccountAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>().FindByIdAsync(id))!;
    }

    [Fact]
    public async Task Enrolment_shows_a_QR_code_and_the_key_and_a_right_code_turns_it_on_with_ten_recovery_codes_shown_once()
    {
        var (account, client) = await SignedInLibrarianAsync("enrol");
        using var _ = client;

        var page = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        var key = TwoFactorForms.Key(page);
        key.Should().MatchRegex("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", "the key is shown lower case in groups of four");
        page.Should().Contain("<svg").And.Contain("data-testid=\"authenticator-qr\"");
        page.Should().NotContain("https://", "the QR code is drawn on the server, not fetched from a service");

        var wrong = await TwoFactorForms.PostEnrolmentAsync(client, page, Totp.WrongCode(key));
        (await TextAsync(wrong)).Should().Contain("Kode itu tidak cocok");
        (await AccountAsync(account.Id)).TwoFactorEnabled.Should().BeFalse();

        var right = await TwoFactorForms.PostEnrolmentAsync(client, page, Totp.Code(key));
        var shown = await TextAsync(right);
        var codes = TwoFactorForms.RecoveryCodes(shown);
        codes.Should().HaveCount(10).And.OnlyHaveUniqueItems().And.OnlyContain(c => c.Length == 11 && c[5] == '-');
        shown.Should().Contain("hanya ditampilkan sekali").And.Contain("data:text/plain;charset=utf-8,");
        (await AccountAsync(account.Id)).TwoFactorEnabled.Should().BeTrue();

        // Shown once: the page now only says how many are left.
        var again = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        TwoFactorForms.RecoveryCodes(again).Should().BeEmpty();
        again.Should().Contain("Sisa kode pemulihan: 10.");
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK, "enrolling keeps the session");
        (await AuditActionsAsync(account.Email!)).Should().Contain(AuditActions.TwoFactorEnabled);
    }

    [Fact]
    public async Task Sign_in_asks_for_the_code_after_the_password_and_the_password_alone_opens_nothing()
    {
        var (account, client) = await SignedInLibrarianAsync("code");
        var (key, _) = await TwoFactorForms.EnrolAsync(client);
        client.Dispose();

        using var browser = app.CreateBrowserClient();
        var password = await SignIn.PostAsync(browser, account.Email!, DeskApp.StaffPassword);
        password.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(password).Should().Be(AccountPaths.LoginSecondStep);
        var desk = await browser.GetAsync("/", Cancel);
        SignIn.RedirectPath(desk).Should().StartWith(AccountPaths.Login + "?", "the password alone is no sign-in");

        var signedIn = await TwoFactorForms.PostCodeAsync(browser, Totp.Code(key));
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(signedIn).Should().Be("/");
        (await browser.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AuditActionsAsync(account.Email!)).Should().ContainInOrder(AuditActions.SignInAwaitingSecondFactor, AuditActions.SignInSucceeded);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_a_second_use_fails()
    {
        var (account, client) = await SignedInLibrarianAsync("recovery");
        var (_, codes) = await TwoFactorForms.EnrolAsync(client);
        client.Dispose();

        using var first = app.CreateBrowserClient();
        await SignIn.PostAsync(first, account.Email!, DeskApp.StaffPassword);
        // Typed as people type it: lower case, no dash.
        var used = await TwoFactorForms.PostCodeAsync(first, codes[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(), recovery: true);
        used.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await first.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.GetStringAsync(AccountPaths.TwoFactor, Cancel)).Should().Contain("Sisa kode pemulihan: 9.");

        using var second = app.CreateBrowserClient();
        await SignIn.PostAsync(second, account.Email!, DeskApp.StaffPassword);
        var reused = await TwoFactorForms.PostCodeAsync(second, codes[3], recovery: true);
        reused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TextAsync(reused)).Should().Contain("Kode salah atau sudah kedaluwarsa.");
        (await second.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var actions = await AuditActionsAsync(account.Email!);
        actions.Should().Contain(AuditActions.RecoveryCodeUsed).And.Contain(AuditActions.SignInSecondFactorFailed);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_with_the_password_lockout_and_then_even_a_recovery_code_is_refused()
    {
        var (account, client) = await SignedInLibrarianAsync("lockout");
        var (key, codes) = await TwoFactorForms.EnrolAsync(client);
        client.Dispose();

        using var browser = app.CreateBrowserClient();
        await SignIn.PostAsync(browser, account.Email!, DeskApp.StaffPassword);
        for (var i = 0; i < 3; i++)
        {
            var wrong = await TwoFactorForms.PostCodeAsync(browser, Totp.WrongCode(key));
            (await TextAsync(wrong)).Should().Contain("Kode salah atau sudah kedaluwarsa.");
        }

        // Wrong recovery codes count the same way (Identity alone would not count them).
        (await TextAsync(await TwoFactorForms.PostCodeAsync(browser, "AAAAA-BBBBB", recovery: true)))
            .Should().Contain("Kode salah atau sudah kedaluwarsa.");
        var fifth = await TwoFactorForms.PostCodeAsync(browser, Totp.WrongCode(key));
        (await TextAsync(fifth)).Should().Contain("dikunci sementara").And.Contain("15 menit");

        (await TextAsync(await TwoFactorForms.PostCodeAsync(browser, Totp.Code(key)))).Should().Contain("dikunci sementara");
        (await TextAsync(await TwoFactorForms.PostCodeAsync(browser, codes[0], recovery: true))).Should().Contain("dikunci sementara");
        (await browser.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AccountAsync(account.Id)).LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow);
        (await AuditActionsAsync(account.Email!)).Should().Contain(AuditActions.SignInSecondFactorFailed).And.Contain(AuditActions.SignInLockedOut);
    }

    [Fact]
    public async Task A_remembered_browser_skips_the_code_and_another_browser_is_still_asked()
    {
        var (account, client) = await SignedInLibrarianAsync("remember");
        var (key, _) = await TwoFactorForms.EnrolAsync(client);
        client.Dispose();

        using var remembered = app.CreateBrowserClient();
        await TwoFactorForms.SignInAsync(remembered, account.Email!, DeskApp.StaffPassword, key, rememberBrowser: true);
        await TwoFactorForms.SignOutAsync(remembered);
        (await remembered.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.Redirect, "signed out");

        var again = await SignIn.PostAsync(remembered, account.Email!, DeskApp.StaffPassword);
        SignIn.RedirectPath(again).Should().Be("/", "this browser is remembered");
        (await remembered.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var other = app.CreateBrowserClient();
        var elsewhere = await SignIn.PostAsync(other, account.Email!, DeskApp.StaffPassword);
        SignIn.RedirectPath(elsewhere).Should().Be(AccountPaths.LoginSecondStep);
    }

    [Fact]
    public async Task An_IT_admin_resets_a_lost_authenticator_which_ends_sessions_forgets_browsers_and_voids_recovery_codes()
    {
        var (account, client) = await SignedInLibrarianAsync("lost-phone");
        var (key, codes) = await TwoFactorForms.EnrolAsync(client);
        client.Dispose();
        using var browser = app.CreateBrowserClient();
        await TwoFactorForms.SignInAsync(browser, account.Email!, DeskApp.StaffPassword, key, rememberBrowser: true);

        var librarian = new AuditActor(account.Id, "Not an admin");
        (await app.Service<AccountService>().ResetAuthenticatorAsync(librarian, account.Id)).Errors.Should().Equal(AccountErrors.NotAllowed);
        var reset = await app.Service<AccountService>().ResetAuthenticatorAsync(new AuditActor(null, "IT admin"), account.Id);
        reset.Succeeded.Should().BeTrue();

        SignIn.RedirectPath(await browser.GetAsync("/", Cancel)).Should().StartWith(AccountPaths.Login, "the open session ended");
        var reloaded = await AccountAsync(account.Id);
        reloaded.TwoFactorEnabled.Should().BeFalse();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
            (await users.CountRecoveryCodesAsync(reloaded)).Should().Be(0);
            (await users.RedeemTwoFactorRecoveryCodeAsync(reloaded, codes[1])).Succeeded.Should().BeFalse();
            (await users.GetAuthenticatorKeyAsync(reloaded)).Should().NotBe(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        }

        // The remembered browser, too, signs in with the password only because the factor is off now — and the old key is gone.
        var password = await SignIn.PostAsync(browser, account.Email!, DeskApp.StaffPassword);
        SignIn.RedirectPath(password).Should().Be("/");
        (await AuditActionsAsync(account.Email!)).Should().Contain(AuditActions.AuthenticatorReset);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password_or_a_current_code_and_a_wrong_one_counts_as_a_failed_sign_in()
    {
        var (account, client) = await SignedInLibrarianAsync("turn-off");
        using var _ = client;
        var (key, _) = await TwoFactorForms.EnrolAsync(client);

        var page = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        var wrong = await PostProofAsync(client, page, "two-factor-disable", "DisableInput.Proof", "not-my-password");
        (await TextAsync(wrong)).Should().Contain("Kode atau kata sandi salah.");
        (await AccountAsync(account.Id)).Should().BeEquivalentTo(new { TwoFactorEnabled = true, AccessFailedCount = 1 });

        var regenerated = await PostProofAsync(client, page, "two-factor-regenerate", "RegenerateInput.Proof", Totp.Code(key));
        TwoFactorForms.RecoveryCodes(await TextAsync(regenerated)).Should().HaveCount(10);

        page = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        var off = await PostProofAsync(client, page, "two-factor-disable", "DisableInput.Proof", DeskApp.StaffPassword);
        (await TextAsync(off)).Should().Contain("Autentikasi dua langkah dimatikan.");
        (await AccountAsync(account.Id)).TwoFactorEnabled.Should().BeFalse();
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK, "turning it off keeps this session");
        (await AuditActionsAsync(account.Email!)).Should().Contain(AuditActions.RecoveryCodesRegenerated).And.Contain(AuditActions.TwoFactorDisabled);
    }

    [Fact]
    public async Task Bad_input_at_the_second_step_is_refused_with_a_message_and_without_the_password_step_the_page_sends_to_sign_in()
    {
        using var stranger = app.CreateBrowserClient();
        var alone = await stranger.GetAsync(AccountPaths.LoginSecondStep, Cancel);
        SignIn.RedirectPath(alone).Should().Be(AccountPaths.Login);

        var (account, client) = await SignedInLibrarianAsync("bad-input");
        await TwoFactorForms.EnrolAsync(client);
        client.Dispose();
        using var browser = app.CreateBrowserClient();
        await SignIn.PostAsync(browser, account.Email!, DeskApp.StaffPassword);

        (await TextAsync(await TwoFactorForms.PostCodeAsync(browser, "   "))).Should().Contain("Isi kodenya.");
        (await TextAsync(await TwoFactorForms.PostCodeAsync(browser, new string('1', 5000)))).Should().Contain("Kode salah atau sudah kedaluwarsa.");
        (await TextAsync(await TwoFactorForms.PostCodeAsync(browser, new string('A', 5000), recovery: true))).Should().Contain("Kode salah atau sudah kedaluwarsa.");
        (await browser.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    private static Task<HttpResponseMessage> PostProofAsync(HttpClient client, string page, string form, string field, string proof) =>
        client.PostAsync(AccountPaths.TwoFactor, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = form,
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
            [field] = proof,
        }), Cancel);
}
