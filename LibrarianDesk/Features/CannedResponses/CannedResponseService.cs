using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.CannedResponses;

/// <summary>Saved replies: the team's (supervisors write them) and each librarian's own.</summary>
public sealed class CannedResponseService(IDbContextFactory<DeskDbContext> dbFactory)
{
    /// <summary>What a librarian can insert: the team's replies and their own, their own winning on the same shortcut.</summary>
    public async Task<IReadOnlyList<CannedResponse>> AvailableToAsync(string librarianId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.CannedResponses.AsNoTracking()
            .Where(c => c.OwnerId == null || c.OwnerId == librarianId)
            .ToListAsync(cancellationToken);
        return all.GroupBy(c => c.Shortcut, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.FirstOrDefault(c => c.OwnerId == librarianId) ?? g.First())
            .OrderBy(c => c.Shortcut, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Adds or changes a reply. Only a supervisor writes team replies; a librarian only their own.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(string librarianId, bool isSupervisor, CannedResponse draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var shortcut = draft.Shortcut.Trim().TrimStart('/').ToLowerInvariant();
        var problems = Validate(shortcut, draft);
        if (problems.Count > 0)
        {
            return problems;
        }

        if (draft.OwnerId is null && !isSupervisor)
        {
            return [CannedResponseErrors.TeamNeedsSupervisor];
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var response = draft.Id == 0 ? null : await db.CannedResponses.FindAsync(draft.Id);
        if (response is not null && !MayEdit(response, librarianId, isSupervisor))
        {
            return [CannedResponseErrors.NotYours];
        }

        var ownerId = draft.OwnerId is null ? null : librarianId;
        if (await db.CannedResponses.AnyAsync(c => c.Id != draft.Id && c.OwnerId == ownerId && c.Shortcut == shortcut))
        {
            return [CannedResponseErrors.DuplicateShortcut];
        }

        if (response is null)
        {
            response = new CannedResponse();
            db.CannedResponses.Add(response);
        }

        response.Shortcut = shortcut;
        response.Title = draft.Title.Trim();
        response.TextId = draft.TextId.Trim();
        response.TextEn = draft.TextEn.Trim();
        response.OwnerId = ownerId;
        await db.SaveChangesAsync();
        return [];
    }

    public async Task<bool> DeleteAsync(string librarianId, bool isSupervisor, int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var response = await db.CannedResponses.FindAsync(id);
        if (response is null || !MayEdit(response, librarianId, isSupervisor))
        {
            return false;
        }

        db.CannedResponses.Remove(response);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>
    /// A draft that is exactly <c>/shortcut</c> becomes that reply's text in the patron's language;
    /// anything else is left alone (null).
    /// </summary>
    public static string? Expand(string? draft, IEnumerable<CannedResponse> available, string language)
    {
        var typed = draft?.Trim();
        if (typed is not { Length: > 1 } || typed[0] != '/')
        {
            return null;
        }

        var shortcut = typed[1..];
        return available.FirstOrDefault(c => string.Equals(c.Shortcut, shortcut, StringComparison.OrdinalIgnoreCase))?.TextFor(language);
    }

    public static bool MayEdit(CannedResponse response, string librarianId, bool isSupervisor)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.OwnerId == librarianId || (response.OwnerId is null && isSupervisor);
    }

    private static List<string> Validate(string shortcut, CannedResponse draft)
    {
        var problems = new List<string>();
        if (!CannedResponse.IsValidShortcut(shortcut))
        {
            problems.Add(CannedResponseErrors.BadShortcut);
        }

        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Trim().Length > CannedResponse.MaxTitleLength)
        {
            problems.Add(CannedResponseErrors.BadTitle);
        }

        if (string.IsNullOrWhiteSpace(draft.TextId) || draft.TextId.Trim().Length > CannedResponse.MaxTextLength
            || (draft.TextEn?.Trim().Length ?? 0) > CannedResponse.MaxTextLength)
        {
            problems.Add(CannedResponseErrors.BadText);
        }

        return problems;
    }
}

public static class CannedResponseErrors
{
    public const string BadShortcut = "CannedBadShortcut";
    public const string BadTitle = "CannedBadTitle";
    public const string BadText = "CannedBadText";
    public const string DuplicateShortcut = "CannedDuplicateShortcut";
    public const string TeamNeedsSupervisor = "CannedTeamNeedsSupervisor";
    public const string NotYours = "CannedNotYours";
}
