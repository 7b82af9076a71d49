namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// "Firefox on Windows" from a User-Agent header: enough for a person to recognise their own devices
/// in the session list, without keeping the full header.
/// </summary>
public static class DeviceSummary
{
    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var browser = Browser(userAgent);
        var system = OperatingSystem(userAgent);
        return system is null ? browser : $"{browser} on {system}";
    }

    private static string Browser(string ua) =>
        Has(ua, "Edg/") ? "Edge"
        : Has(ua, "OPR/") ? "Opera"
        : Has(ua, "Firefox/") ? "Firefox"
        : Has(ua, "Chrome/") || Has(ua, "Chromium/") ? "Chrome"
        : Has(ua, "Safari/") ? "Safari"
        : Has(ua, "curl/") ? "curl"
        : "Other browser";

    private static string? OperatingSystem(string ua) =>
        Has(ua, "Windows") ? "Windows"
        : Has(ua, "iPhone") || Has(ua, "iPad") ? "iOS"
        : Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "macOS"
        : Has(ua, "Android") ? "Android"
        : Has(ua, "CrOS") ? "ChromeOS"
        : Has(ua, "Linux") ? "Linux"
        : null;

    private static bool Has(string ua, string part) => ua.Contains(part, StringComparison.OrdinalIgnoreCase);
}
