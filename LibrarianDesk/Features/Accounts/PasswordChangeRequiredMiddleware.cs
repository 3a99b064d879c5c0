namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// Until an account replaces its generated password, every page request leads to the change-password
/// page. Checked on the server for full page loads; the layout does the same for in-app navigation.
/// </summary>
internal sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == DeskClaimTypes.MustChangePassword)
            && HttpMethods.IsGet(context.Request.Method)
            && IsPage(context.Request)
            && !context.Request.Path.StartsWithSegments(AccountPaths.Root, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(AccountPaths.ChangePassword);
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static bool IsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
        && !request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase);
}
