namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// Until an account replaces its generated password (or enrols an authenticator its role requires), every
/// page request leads to that page. Checked on the server for full page loads; the layout does the same for in-app navigation.
/// </summary>
internal sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (PendingStep(context.User) is { } pendingStep
            && HttpMethods.IsGet(context.Request.Method)
            && IsPage(context.Request)
            && !context.Request.Path.StartsWithSegments(AccountPaths.Root, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(pendingStep);
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>What the sign-in still lacks: a chosen password first, then an authenticator app where the role requires one.</summary>
    public static string? PendingStep(System.Security.Claims.ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == DeskClaimTypes.MustChangePassword) ? AccountPaths.ChangePassword
        : user.HasClaim(c => c.Type == DeskClaimTypes.MustEnrolTwoFactor) ? AccountPaths.TwoFactor
        : null;

    private static bool IsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
}
