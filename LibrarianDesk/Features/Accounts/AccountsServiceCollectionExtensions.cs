using LibrarianDesk.Data;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static readonly TimeSpan TwoFactorRememberedFor = TimeSpan.FromDays(30);

    public static WebApplicationBuilder AddDeskAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AccountOptions>(builder.Configuration.GetSection("Desk:Accounts"));
        services.Configure<BootstrapOptions>(builder.Configuration.GetSection("Desk:Bootstrap"));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DeskRevalidatingAuthenticationStateProvider>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = AccountPaths.Login;
            cookie.Cookie.Name = "LibrarianDesk.Auth";
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);

            // A signed-in account without the role gets a real 403 (rendered by the status page), not a redirect;
            // a page load by a sign-in that still lacks a step (SignInSteps) is sent to take it (the refusal itself is the policy's).
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                if (SignInSteps.Pending(context.HttpContext.User) is { } pendingStep && IsPageLoad(context.Request))
                {
                    context.Response.Redirect(pendingStep);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }

                return Task.CompletedTask;
            };
        });

        // "Remember this browser" after an authenticator code: a month, or until the account's security stamp changes.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, cookie =>
        {
            cookie.ExpireTimeSpan = TwoFactorRememberedFor;
            cookie.Cookie.Name = "LibrarianDesk.TwoFactorBrowser";
        });

        // Checked on every request: a deactivated or reset account is signed out at its next page load.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        services.AddIdentityCore<Librarian>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DeskDbContext>()
            .AddSignInManager<DeskSignInManager>()
            .AddClaimsPrincipalFactory<DeskClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(accounts.Value.LockoutMinutes);
        });

        services.AddAuthorizationBuilder().AddDeskPolicies();

        services.AddSingleton<IBootstrapReporter, ConsoleBootstrapReporter>();
        services.AddScoped<BootstrapAdministrator>();
        services.AddSingleton<SignInAuditor>();
        services.AddSingleton<UnknownAccountPasswordCheck.StandInHash>();
        services.AddScoped<UnknownAccountPasswordCheck>();
        services.AddSingleton<AccountService>();
        services.AddScoped<OwnAccountService>();
        services.AddSingleton<TwoFactorRequirements>();
        services.AddSingleton<StaffCaller>();
        return builder;
    }

    private static bool IsPageLoad(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
