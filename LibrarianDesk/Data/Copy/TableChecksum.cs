using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LibrarianDesk.Data.Copy;

/// <summary>
/// SHA-256 over a table's rows in key order, each value in one canonical text form whichever engine it was read from:
/// Guids in lower case, booleans as 1 or 0, doubles round-trippable, dates and times in ISO form, instants as UTC
/// milliseconds. Each value is length-prefixed and NULL has its own mark, so no two different rows hash alike.
/// </summary>
internal sealed class TableChecksum : IDisposable
{
    private const int NullMark = -1;

    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] length = new byte[4];

    public long Rows { get; private set; }

    public void Add(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (var value in row)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32LittleEndian(length, NullMark);
                hash.AppendData(length);
                continue;
            }

            var text = Encoding.UTF8.GetBytes(Canonical(value));
            BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            hash.AppendData(length);
            hash.AppendData(text);
        }

        Rows++;
    }

    /// <summary>The checksum in lower-case hex; the checksum is finished by this call.</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();

    internal static string Canonical(object value) => value switch
    {
        string text => text,
        Guid id => id.ToString("D"),
        bool flag => flag ? "1" : "0",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.############################", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        TimeSpan span => span.Ticks.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
