using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// Checks the password typed for an email that belongs to no account against a stand-in hash, so that an
/// unknown account costs the same hashing as a wrong password: how long the answer takes must not tell
/// an attacker which staff emails exist.
/// </summary>
internal sealed class UnknownAccountPasswordCheck(IPasswordHasher<Librarian> hasher, UnknownAccountPasswordCheck.StandInHash standIn)
{
    private static readonly Librarian Nobody = new();

    /// <summary>Does the work of a password check; the answer is always no.</summary>
    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, standIn.Value, password);

    /// <summary>Hashed once per desk with the settings Identity hashes real passwords with (the iteration count above all).</summary>
    internal sealed class StandInHash(IOptions<PasswordHasherOptions> options)
    {
        public string Value { get; } = new PasswordHasher<Librarian>(options).HashPassword(Nobody, RandomNumberGenerator.GetHexString(32));
    }
}
