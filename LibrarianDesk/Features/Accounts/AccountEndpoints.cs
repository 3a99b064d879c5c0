using System.Security.Claims;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace LibrarianDesk.Features.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post carrying the antiforgery token, never a link another site could trigger.
        // Signing out also leaves the desk: colleagues and patrons stop counting on this librarian.
        endpoints.MapPost(AccountPaths.Logout, async (
                HttpContext context, IAntiforgery antiforgery, SignInManager<Librarian> signIn, IStaffPresence presence) =>
            {
                // Minimal APIs check the token only when they bind a form; this endpoint binds none.
                if (!await antiforgery.IsRequestValidAsync(context))
                {
                    return Results.BadRequest();
                }

                if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } librarianId)
                {
                    await presence.SetAsync(librarianId, Presence.Offline);
                }

                await signIn.SignOutAsync();
                return Results.LocalRedirect(AccountPaths.Login);
            })
            .RequireAuthorization(DeskPolicies.SignedInIncomplete);
        return endpoints;
    }
}
