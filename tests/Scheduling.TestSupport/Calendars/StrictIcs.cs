using System.Globalization;
using System.Text;

namespace Scheduling.TestSupport.Calendars;

/// <summary>
/// A second, independent reading of an .ics file beside Ical.Net (no other iCalendar parser is served
/// to this build): a small strict RFC 5545 reader written for the tests. It refuses what a strict
/// calendar client would: bare LF line ends, content lines over 75 octets that are not folded, a
/// folded line without its leading space or tab, a line without "NAME:" (or "NAME;params:"), BEGIN/END
/// that do not nest, and a VCALENDAR, VEVENT or VALARM without its required properties.
/// </summary>
public static class StrictIcs
{
    /// <summary>One component (VCALENDAR, VEVENT, VALARM) with its properties in order and its children.</summary>
    public sealed class Component(string name)
    {
        public string Name { get; } = name;

        public List<Property> Properties { get; } = [];

        public List<Component> Children { get; } = [];

        public Property? this[string name] => Properties.SingleOrDefault(p => p.Name == name);

        public Property Required(string name) =>
            Properties.Count(p => p.Name == name) == 1
                ? this[name]!
                : throw new FormatException($"{Name} must have exactly one {name} (RFC 5545); it has {Properties.Count(p => p.Name == name)}.");
    }

    /// <param name="Parameters">Upper-case parameter names with their values ("TZID" → "America/New_York").</param>
    public sealed record Property(string Name, IReadOnlyDictionary<string, string> Parameters, string Value);

    /// <summary>Reads the file; throws <see cref="FormatException"/> naming the first rule it breaks.</summary>
    public static Component Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var physical = text.Split("\r\n");
        if (physical.Any(l => l.Contains('\n', StringComparison.Ordinal) || l.Contains('\r', StringComparison.Ordinal)))
        {
            throw new FormatException("Every line must end in CRLF (RFC 5545 3.1); a bare LF or CR was found.");
        }

        if (physical[^1].Length != 0)
        {
            throw new FormatException("The last content line must end in CRLF.");
        }

        var logical = new List<string>();
        foreach (var line in physical[..^1])
        {
            if (Encoding.UTF8.GetByteCount(line) > 75)
            {
                throw new FormatException($"A line is longer than 75 octets and not folded (RFC 5545 3.1): \"{line[..Math.Min(40, line.Length)]}...\".");
            }

            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (logical.Count == 0)
                {
                    throw new FormatException("The file starts with a continuation line.");
                }

                logical[^1] += line[1..];
            }
            else if (line.Length == 0)
            {
                throw new FormatException("An empty content line (RFC 5545 allows none).");
            }
            else
            {
                logical.Add(line);
            }
        }

        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in logical)
        {
            var property = ParseLine(line);
            if (property.Name == "BEGIN")
            {
                var component = new Component(property.Value);
                if (stack.Count == 0)
                {
                    if (root is not null)
                    {
                        throw new FormatException("More than one top-level component.");
                    }

                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
            }
            else if (property.Name == "END")
            {
                if (stack.Count == 0 || stack.Peek().Name != property.Value)
                {
                    throw new FormatException($"END:{property.Value} does not close BEGIN:{(stack.Count == 0 ? "(none)" : stack.Peek().Name)}.");
                }

                stack.Pop();
            }
            else if (stack.Count == 0)
            {
                throw new FormatException($"{property.Name} outside any component.");
            }
            else
            {
                stack.Peek().Properties.Add(property);
            }
        }

        if (root is null || stack.Count != 0)
        {
            throw new FormatException("BEGIN:VCALENDAR ... END:VCALENDAR is missing or not closed.");
        }

        Check(root);
        return root;
    }

    /// <summary>A DATE-TIME value: UTC ("…Z") or local with its TZID, resolved to UTC with the named zone.</summary>
    public static DateTime Utc(Property property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var value = property.Value;
        if (value.EndsWith('Z'))
        {
            return DateTime.SpecifyKind(DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        var local = DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        if (!property.Parameters.TryGetValue("TZID", out var zone))
        {
            throw new FormatException($"{property.Name} is a floating time (no Z, no TZID): the patient's calendar would guess the zone.");
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZoneInfo.FindSystemTimeZoneById(zone));
    }

    private static Property ParseLine(string line)
    {
        // The name runs to the first ';' or ':'; parameter values may be quoted (and may then hold ':' or ';').
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] == '-'))
        {
            i++;
        }

        if (i == 0 || i == line.Length || (line[i] != ':' && line[i] != ';'))
        {
            throw new FormatException($"Not a content line (NAME[;PARAM=VALUE]:VALUE): \"{line}\".");
        }

        var name = line[..i].ToUpperInvariant();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (line[i] == ';')
        {
            var start = ++i;
            var equals = line.IndexOf('=', start);
            if (equals < 0)
            {
                throw new FormatException($"A parameter without '=' in \"{line}\".");
            }

            var parameterName = line[start..equals].ToUpperInvariant();
            i = equals + 1;
            string value;
            if (i < line.Length && line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new FormatException($"An unclosed quoted parameter value in \"{line}\".");
                }

                value = line[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var end = line.IndexOfAny([';', ':'], i);
                if (end < 0)
                {
                    throw new FormatException($"No ':' before the value in \"{line}\".");
                }

                value = line[i..end];
                i = end;
            }

            parameters[parameterName] = value;
            if (i >= line.Length)
            {
                throw new FormatException($"No ':' before the value in \"{line}\".");
            }
        }

        return new Property(name, parameters, line[(i + 1)..]);
    }

    private static void Check(Component calendar)
    {
        if (calendar.Name != "VCALENDAR")
        {
            throw new FormatException($"The top-level component is {calendar.Name}, not VCALENDAR.");
        }

        if (calendar.Required("VERSION").Value != "2.0")
        {
            throw new FormatException("VERSION must be 2.0.");
        }

        calendar.Required("PRODID");
        foreach (var component in Descendants(calendar))
        {
            switch (component.Name)
            {
                case "VEVENT":
                    component.Required("UID");
                    component.Required("DTSTAMP");
                    component.Required("DTSTART");
                    if (component["DTEND"] is not null && component["DURATION"] is not null)
                    {
                        throw new FormatException("VEVENT has both DTEND and DURATION.");
                    }

                    if (component["SEQUENCE"] is { } sequence && !int.TryParse(sequence.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        throw new FormatException($"SEQUENCE is not a non-negative integer: {sequence.Value}.");
                    }

                    if (component["STATUS"] is { } status && status.Value is not ("TENTATIVE" or "CONFIRMED" or "CANCELLED"))
                    {
                        throw new FormatException($"A VEVENT's STATUS must be TENTATIVE, CONFIRMED or CANCELLED: {status.Value}.");
                    }

                    break;
                case "VALARM":
                    var action = component.Required("ACTION").Value;
                    component.Required("TRIGGER");
                    if (action is "DISPLAY" or "EMAIL")
                    {
                        component.Required("DESCRIPTION");
                    }

                    break;
            }
        }
    }

    private static IEnumerable<Component> Descendants(Component component) =>
        component.Children.SelectMany(c => Descendants(c).Prepend(c));
}
