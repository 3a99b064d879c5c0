using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LibrarianDesk.Features.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with the antiforgery token (checked by the antiforgery middleware), never a GET link.
        endpoints.MapPost(AccountPaths.Logout, async (SignInManager<Librarian> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(AccountPaths.Login);
        });
        return endpoints;
    }
}
