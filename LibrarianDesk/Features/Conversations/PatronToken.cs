using System.Security.Cryptography;
using System.Text;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// The patron's key to one conversation: 256 random bits, given to the patron once. Only its SHA-256
/// is stored, so a copy of the database cannot be used to read or write a live conversation.
/// </summary>
public static class PatronToken
{
    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string? token, string storedHash) =>
        !string.IsNullOrEmpty(token) && token.Length <= 128 && !string.IsNullOrEmpty(storedHash)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
