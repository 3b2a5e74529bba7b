using System.Globalization;

namespace GameCluster.Storage;

/// <summary>ETags of the built-in providers are the record's version number.</summary>
internal static class EtagVersion
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string etag, GrainId grainId, string stateName) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' of state '{stateName}' of {grainId} was not issued by this storage.", etag, etag);
}
