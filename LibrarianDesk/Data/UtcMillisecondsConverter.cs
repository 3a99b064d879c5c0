using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LibrarianDesk.Data;

/// <summary>Stores an instant as Unix milliseconds (UTC). Reads come back with a zero offset; the UI converts to WIB.</summary>
public sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
