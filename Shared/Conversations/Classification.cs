namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// What a librarian records about a conversation that has ended: its question type and READ level, both
/// chosen by the librarian (nothing is assumed, so the reports count only what someone decided), and
/// free tags. <see cref="Problems"/> is the one check of a classification, for the dialogs and the services alike.
/// </summary>
public sealed record Classification
{
    public const string QuestionTypeRequired = "question_type_required";
    public const string ReadScaleRequired = "read_scale_required";
    public const string ReadScaleOutOfRange = "read_scale_out_of_range";

    /// <summary>The question type does not exist (a stale form, a crafted call); the services check it against the database.</summary>
    public const string UnknownQuestionType = "unknown_question_type";

    private Classification(int questionTypeId, int readScale, string? tags) =>
        (QuestionTypeId, ReadScale, Tags) = (questionTypeId, readScale, tags);

    public int QuestionTypeId { get; }

    /// <summary>Reference Effort Assessment Data scale, 1–6.</summary>
    public int ReadScale { get; }

    /// <summary>Lower case, trimmed, without repeats, comma-separated; null when there are none.</summary>
    public string? Tags { get; }

    /// <summary>What is wrong with a classification (codes of this class and <see cref="Conversation.TagsTooLong"/>), or nothing.</summary>
    public static IReadOnlyList<string> Problems(int? questionTypeId, int? readScale, IEnumerable<string>? tags)
    {
        var problems = new List<string>();
        if (questionTypeId is null)
        {
            problems.Add(QuestionTypeRequired);
        }

        if (readScale is null)
        {
            problems.Add(ReadScaleRequired);
        }
        else if (readScale is < 1 or > 6)
        {
            problems.Add(ReadScaleOutOfRange);
        }

        if (NormaliseTags(tags) is { Length: > Conversation.MaxTagsLength })
        {
            problems.Add(Conversation.TagsTooLong);
        }

        return problems;
    }

    /// <summary>The classification, or a <see cref="ConversationRuleException"/> naming its first problem.</summary>
    public static Classification Of(int? questionTypeId, int? readScale, IEnumerable<string>? tags = null)
    {
        var tagList = tags?.ToList();
        return Problems(questionTypeId, readScale, tagList) is [var first, ..]
            ? throw new ConversationRuleException(first)
            : new Classification(questionTypeId!.Value, readScale!.Value, NormaliseTags(tagList));
    }

    private static string? NormaliseTags(IEnumerable<string>? tags)
    {
        var cleaned = (tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        return cleaned.Count == 0 ? null : string.Join(", ", cleaned);
    }
}
