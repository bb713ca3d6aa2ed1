using System.Security.Cryptography;
using System.Text;

namespace Nianbao.Archive;

/// <summary>
/// The archive's key for an agency name: NFKC (full-width forms, Kangxi radicals) without spaces, so
/// "沭阳县 人民政府" and "沭阳县人民政府" are one name. Merging variants that differ in words
/// (沭阳县政府) is the regions library's and the user's job, recorded in <c>agency_names</c>.
/// </summary>
public static class AgencyNames
{
    public static string Normalize(string name) =>
        IsStable(name) ? name : new string(name.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());

    // Nearly every name is CJK unified ideographs (U+4E00–U+9FFF) and printable ASCII: characters NFKC leaves
    // alone (no decomposition, combining class 0) and no white space, so the name is already its own key. An
    // import normalizes each report's name several times; ICU's normalization of a short string cost more
    // than the rest of placing a known name (docs/performance.md, session 7).
    private static bool IsStable(string name)
    {
        foreach (var c in name)
            if (c is not ((>= '\u4e00' and <= '\u9fff') or (> ' ' and < '\u007f'))) return false;
        return true;
    }

    /// <summary>A stable id from the name an agency was first seen under, so ids do not depend on the order of arrival.</summary>
    public static string IdFor(string normalizedName) =>
        "ag-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedName)))[..16];
}
