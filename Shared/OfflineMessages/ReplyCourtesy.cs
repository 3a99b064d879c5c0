namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>
/// The one rule for the greeting and sign-off around an offline reply: the mail adds only what the
/// librarian did not write. A reply greets when its first line opens with a greeting ("Yth.", "Halo",
/// "Selamat pagi", "Dear", "Hello", …); it signs off when one of its last two lines is a short line
/// (at most <see cref="MaxSignOffLineLength"/> characters) that opens with a sign-off ("Salam hormat",
/// "Terima kasih", "Kind regards", …). Case is ignored; the phrase must end at a word boundary.
/// </summary>
public static class ReplyCourtesy
{
    public const int MaxSignOffLineLength = 40;

    private static readonly string[] Greetings =
    [
        "yth", "kepada yth", "dengan hormat", "halo", "hai", "selamat pagi", "selamat siang", "selamat sore", "selamat malam",
        "assalamualaikum", "assalamu'alaikum", "salam sejahtera",
        "dear", "hello", "hi", "good morning", "good afternoon", "good evening",
    ];

    private static readonly string[] SignOffs =
    [
        "salam", "hormat saya", "hormat kami", "terima kasih", "terimakasih", "wassalam",
        "regards", "kind regards", "best regards", "warm regards", "best wishes", "best", "sincerely", "yours sincerely",
        "thank you", "thanks", "many thanks",
    ];

    public static bool Greets(string? reply) =>
        Lines(reply).FirstOrDefault() is { } first && OpensWith(first, Greetings);

    public static bool SignsOff(string? reply) =>
        Lines(reply).TakeLast(2).Any(line => line.Length <= MaxSignOffLineLength && OpensWith(line, SignOffs));

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();

    private static bool OpensWith(string line, string[] phrases) =>
        phrases.Any(phrase => line.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)
            && (line.Length == phrase.Length || !char.IsLetter(line[phrase.Length])));
}
