using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// The question types offered to patrons (the widget's Hello) and to librarians (the close dialog) come from one
/// list: the active ones in the library's order. A desk of its own: the test retires and reorders types.
/// </summary>
public sealed class QuestionTypeCatalogTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_retired_type_is_offered_to_nobody_and_the_rest_come_in_the_librarys_order()
    {
        string retired;
        await using (var db = app.CreateDbContext())
        {
            var types = await db.QuestionTypes.OrderBy(q => q.SortOrder).ToListAsync(Cancel);
            types[0].IsActive = false;
            retired = types[0].NameId;
            (types[1].SortOrder, types[2].SortOrder) = (types[2].SortOrder, types[1].SortOrder);
            await db.SaveChangesAsync(Cancel);
        }

        var offered = await app.Service<QuestionTypeCatalog>().ActiveAsync(Cancel);
        await using var patron = await PatronClient.ConnectAsync(app);

        offered.Select(q => q.NameId).Should().NotContain(retired);
        offered.Select(q => q.SortOrder).Should().BeInAscendingOrder();
        patron.Hello.QuestionTypes.Select(q => q.Id).Should().Equal(offered.Select(q => q.Id), "the widget offers exactly the catalog's list");
    }
}
