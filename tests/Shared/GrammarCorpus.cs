using System.Globalization;
using System.Text;

namespace ClusterReady.Tests;

/// <summary>The name grammars of the corpus: one per validation the Kubernetes API applies to a name the product writes.</summary>
internal enum NameGrammar
{
    /// <summary>RFC 1123 label: namespaces.</summary>
    Dns1123Label,

    /// <summary>RFC 1035 label: Service names.</summary>
    Dns1035Label,

    /// <summary>RFC 1123 subdomain: Secret and ConfigMap names.</summary>
    Dns1123Subdomain,

    /// <summary>IANA_SVC_NAME: container port names.</summary>
    PortName,

    /// <summary>Environment variable names.</summary>
    EnvironmentVariableName,

    /// <summary>Keys of a Secret or ConfigMap.</summary>
    ConfigKey,

    /// <summary>Label values.</summary>
    LabelValue,

    /// <summary>Label keys: an optional DNS subdomain prefix and '/', then a name.</summary>
    LabelKey,

    /// <summary>Ingress hosts: a DNS subdomain, optionally after "*.", not an IP address.</summary>
    IngressHost,
}

/// <summary>
/// Seeded generators of the strings the grammar proofs judge: quantities (signs, digits, '.', exponents, every suffix
/// and its wrong-case twin, byte words, spaces, very long numbers, unicode digits, junk) and names (length boundaries,
/// leading and trailing '-', dots, uppercase, '_', unicode look-alikes, invisible spaces), about half of them valid.
/// Shared as a linked file by ClusterReady.Model.Tests (the grammars against Kubernetes' rules) and
/// ClusterReady.Analyzers.Tests (the IDE's verdict against the build step's), so both judge the same strings.
/// Deterministic: the same seed and count give the same strings on any machine, culture and run.
/// </summary>
internal static class GrammarCorpus
{
    /// <summary>The seed of the quantity corpus.</summary>
    public const int QuantitySeed = 20_260_301;

    /// <summary>The seed of the name corpora (offset by the grammar, so each has its own sequence).</summary>
    public const int NameSeed = 20_260_302;

    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    /// <summary>Characters a name must not contain, or only in some places: ASCII troublemakers and unicode look-alikes.</summary>
    private const string Nasty = "AZaz09-._/*:=@ %+~#\t\n\0\u00E9\u212A\u0131\u0130\uFF41\u0663\u00A0\u200B\u00DF\u4E2D\uD83D\u2010";

    /// <summary>Characters no name grammar takes (though some are printable ASCII, which relaxed environment variable names take).</summary>
    private const string Forbidden = "/*:=@ %+~#!,;\t\n\0\u00E9\u212A\u0131\u00A0\u200B\u4E2D\u2010";

    private static readonly string[] DecimalSuffixes = ["", "n", "u", "m", "k", "M", "G", "T", "P", "E"];
    private static readonly string[] BinarySuffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private static readonly string[] WrongSuffixes =
    [
        "K", "ki", "KI", "kI", "mi", "MI", "mI", "gi", "GI", "g", "t", "p", "ti", "pi", "ei", "EI", "eI", "i", "I", "N", "U", "Mii",
        "B", "b", "kb", "KB", "kB", "MB", "mb", "Mb", "GB", "Gb", "KiB", "Kib", "MiB", "GiB", "TB", "cores", "core", "cpu", "m cpu",
        "millicores", "e", "E+", "E-", "e+", "e-", "ee3", "e1.5", "e.5", "eMi", "Mie3", "ke3", "e3k", "kk", "mm", "Mk", "Kim", "x", "%",
        "e3e3", "e--3", "e+-3", "e3.", "Ki5", "Mi+1", "m-", "k3", "Ei1",
    ];

    /// <summary>Exponents around the limits of the parsers: int32 (the .NET client) and int64 (Kubernetes).</summary>
    private static readonly string[] EdgeExponents =
    [
        "2147483647", "2147483648", "4294967286", "4294967296", "9223372036854775807", "9223372036854775808",
        "09223372036854775807", "18446744073709551616", "99999999999999999999", "000000000000000000000001", "0",
    ];

    private static readonly string[] QuantityEdges =
    [
        "", " ", "0", "-0", "+0", "00", "0.0", "-0.0", ".", "+", "-", "+.", "-.", ".0", "0.", "1.", ".5", "5.", "1..5", "1.2.3", "..1",
        "Mi", "k", "m", "e3", "E", "e", ".Mi", ".e-10", "+e5", "-Pi", "Ei", "1e", "1E", "1e+", "1e-", "1e0", "1E-0", "1e-9", "1e-10",
        "0.1n", "0.9n", "1n", "1.5Gi", "8Ei", "9Ei", "1\n", "1Mi\n", "\n1", "1 ", " 1", "1 Mi", "1\tMi", "1\u00A0Mi", "\u0661", "\uFF11",
        "1\u0663", "1e\u0663", "\u22121", "--1", "+-1", "-+1", "1/2", "1,5", "1_000", "0x10", "NaN", "Infinity", "1e1.5", "1.5e3",
        "-1e-400", "1e999999", "0e999999", "1e9223372036854775807", "1e-9223372036854775808", "1e-9223372036854775809",
    ];

    private static readonly string[] NameEdges =
    [
        "", " ", "-", ".", "..", "...", "..a", ".a", "a.", "a", "z", "0", "9", "A", "a-", "-a", "a-b", "a--b", "a.b", "a..b", "a_b",
        "_", "__", "_a", "a/b", "/", "a/", "/a", "a/b/c", "*", "*.", "*.a", "a.*", "*a", "a*", "a\n", "\na", "a b", "a=b", "a:b",
        "1.2.3.4", "01.002.3.4", "256.1.1.1", "1.2.3", "1.2.3.4.5", "0.0.0.0", "255.255.255.255", "1.2.3.04a", "http", "8080", "80a",
        "p-8080", "x--", "ab-", "A_B", "a.B", "\u212Aube", "k\u0131", "\u00E9t\u00E9", "a\u200Bb", "\uFF41", "abc\0",
    ];

    /// <summary>The first <paramref name="count"/> strings of the quantity corpus.</summary>
    public static List<string> Quantities(int count) => Quantities(QuantitySeed, count);

    /// <summary><paramref name="count"/> quantity-like strings from <paramref name="seed"/>.</summary>
    public static List<string> Quantities(int seed, int count)
    {
        var random = new Random(seed);
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(Quantity(random));
        }

        return list;
    }

    /// <summary>The first <paramref name="count"/> strings of the corpus of <paramref name="grammar"/>.</summary>
    public static List<string> Names(NameGrammar grammar, int count) => Names(grammar, NameSeed + (int)grammar, count);

    /// <summary><paramref name="count"/> name-like strings for <paramref name="grammar"/> from <paramref name="seed"/>.</summary>
    public static List<string> Names(NameGrammar grammar, int seed, int count)
    {
        var random = new Random(seed);
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(Name(random, grammar));
        }

        return list;
    }

    private static string Quantity(Random random)
    {
        switch (random.Next(40))
        {
            case 0 or 1:
                return Pick(random, QuantityEdges);
            case 2:
                return Junk(random, "0123456789.+-eEinumkKMGTPB \t" + Nasty, random.Next(0, 12));
            case 3 or 4 or 5:
                return Mutate(random, WellFormedQuantity(random), "0123456789.+-eEinumkKMGTPB " + Nasty);
            default:
                return WellFormedQuantity(random);
        }
    }

    /// <summary>[sign] number suffix, each part usually right and sometimes subtly wrong.</summary>
    private static string WellFormedQuantity(Random random)
    {
        var text = new StringBuilder();
        var sign = random.Next(100);
        text.Append(sign switch
        {
            < 76 => "",
            < 86 => "+",
            < 97 => "-",
            _ => Pick(random, ["--", "+-", "-+", "\u2212", " ", "++"]),
        });

        if (random.Next(10) == 0)
        {
            text.Append("000");
        }

        var integerDigits = random.Next(100) switch
        {
            < 9 => 0,
            < 66 => random.Next(1, 4),
            < 90 => random.Next(4, 19),
            < 97 => random.Next(19, 41),
            _ => random.Next(100, 400),
        };
        AppendDigits(random, text, integerDigits);
        if (random.Next(100) < 35)
        {
            text.Append('.');
            AppendDigits(random, text, random.Next(100) switch
            {
                < 12 => 0,
                < 72 => random.Next(1, 4),
                < 95 => random.Next(4, 13),
                _ => random.Next(30, 61),
            });
            if (random.Next(40) == 0)
            {
                text.Append('.');
                AppendDigits(random, text, random.Next(0, 3));
            }
        }

        if (random.Next(40) == 0 && text.Length > 0)
        {
            // A digit of another script: a look-alike that no Kubernetes parser reads.
            text[random.Next(text.Length)] = Pick(random, ["\u0663", "\uFF13", "\u096B", "\u00B3", "\u2162"])[0];
        }

        var spaced = random.Next(100);
        if (spaced < 6)
        {
            text.Append(Pick(random, [" ", " ", "\t", "\u00A0"]));
        }

        var kind = random.Next(100);
        if (kind < 56)
        {
            text.Append(random.Next(16) < 10 ? Pick(random, DecimalSuffixes) : Pick(random, BinarySuffixes));
        }
        else if (kind < 77)
        {
            text.Append(random.Next(2) == 0 ? 'e' : 'E');
            text.Append(Pick(random, ["", "", "", "+", "-", "-"]));
            if (random.Next(8) == 0)
            {
                text.Append(Pick(random, EdgeExponents));
            }
            else
            {
                AppendDigits(random, text, random.Next(100) switch { < 6 => 0, < 75 => 1, < 95 => 2, _ => 3 });
            }
        }
        else if (kind < 93)
        {
            text.Append(Pick(random, WrongSuffixes));
        }
        else
        {
            text.Append(Junk(random, "eEinumkKMGTP+-0123456789", random.Next(1, 4)));
        }

        switch (random.Next(100))
        {
            case < 3:
                text.Insert(0, ' ');
                break;
            case < 6:
                text.Append(' ');
                break;
            case < 7:
                text.Append('\n');
                break;
        }

        return text.ToString();
    }

    private static void AppendDigits(Random random, StringBuilder text, int count) => Fill(random, text, count, Digits);

    private static string Name(Random random, NameGrammar grammar)
    {
        var roll = random.Next(100);
        if (roll < 48)
        {
            return Build(random, grammar);
        }

        if (roll < 86)
        {
            var mutated = Mutate(random, Build(random, grammar), Nasty);
            if (grammar is NameGrammar.ConfigKey or NameGrammar.EnvironmentVariableName && random.Next(2) == 0)
            {
                // Their alphabets take most edits ('-', '.', '_', uppercase): insert a character they do not take.
                mutated = mutated.Insert(random.Next(mutated.Length + 1), Forbidden[random.Next(Forbidden.Length)].ToString());
            }

            return random.Next(4) == 0 ? Mutate(random, mutated, Nasty) : mutated;
        }

        if (roll < 92)
        {
            // A name built for another grammar: uppercase and '_' in DNS names, dots in labels, long keys as hosts.
            var other = (NameGrammar)random.Next(Enum.GetValues<NameGrammar>().Length);
            return random.Next(2) == 0 ? Build(random, other) : Mutate(random, Build(random, other), Nasty);
        }

        if (roll < 97)
        {
            return Pick(random, NameEdges);
        }

        return Junk(random, Lower + Upper + Digits + "-._/" + Nasty, random.Next(0, 20));
    }

    /// <summary>A name valid by construction for <paramref name="grammar"/>, at a length often on the edge of the limit (and sometimes past it).</summary>
    private static string Build(Random random, NameGrammar grammar)
    {
        switch (grammar)
        {
            case NameGrammar.Dns1123Label:
                return Label(random, Length(random, 63, 1, 40), Lower + Digits);
            case NameGrammar.Dns1035Label:
                return Label(random, Length(random, 63, 1, 40), Lower);
            case NameGrammar.Dns1123Subdomain:
                return Subdomain(random, Length(random, 253, 1, 60));
            case NameGrammar.PortName:
                return PortName(random, Length(random, 15, 1, 15));
            case NameGrammar.EnvironmentVariableName:
            {
                var length = random.Next(20) == 0 ? random.Next(100, 300) : random.Next(1, 30);
                var name = new StringBuilder();
                var first = Pick(random, [Upper, Upper, Lower, "_"]);
                name.Append(first[random.Next(first.Length)]);
                Fill(random, name, length - 1, Upper + Upper + Lower + Digits + "____..--");
                return name.ToString();
            }

            case NameGrammar.ConfigKey:
            {
                var name = new StringBuilder();
                Fill(random, name, Length(random, 253, 1, 30), Lower + Upper + Digits + "-_..");
                return name.ToString();
            }

            case NameGrammar.LabelValue:
                return LabelValue(random, Length(random, 63, 0, 30));
            case NameGrammar.LabelKey:
                return (random.Next(2) == 0 ? "" : Subdomain(random, Length(random, 253, 1, 30)) + "/") + LabelValue(random, Length(random, 63, 1, 30));
            case NameGrammar.IngressHost:
                switch (random.Next(10))
                {
                    case < 6:
                        return Subdomain(random, Length(random, 253, 1, 40));
                    case < 8:
                        return "*." + Subdomain(random, random.Next(3) == 0 ? Pick(random, [250, 251, 252, 253]) : random.Next(1, 40));
                    default:
                        return Address(random);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(grammar), grammar, null);
        }
    }

    /// <summary>A length: a third of the time on the edge of <paramref name="max"/> (one below, at, one above), else typical.</summary>
    private static int Length(Random random, int max, int min, int typical) => random.Next(3) == 0
        ? Pick(random, [max - 1, max, max + 1, max, max - 1, min, min + 1])
        : random.Next(min, typical + 1);

    /// <summary>[first][middle with '-']*[last] of <paramref name="length"/> characters; empty for 0.</summary>
    private static string Label(Random random, int length, string first)
    {
        var label = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var edge = i == 0 || i == length - 1;
            label.Append(i == 0 ? first[random.Next(first.Length)]
                : edge || random.Next(6) != 0 ? (Lower + Digits)[random.Next(36)]
                : '-');
        }

        return label.ToString();
    }

    /// <summary>Dot-separated labels, exactly <paramref name="length"/> characters, with labels of 63 and 64 characters now and then.</summary>
    private static string Subdomain(Random random, int length)
    {
        var text = new StringBuilder(length);
        var remaining = length;
        while (remaining > 0)
        {
            var size = random.Next(10) switch
            {
                0 => 63,
                1 => 64,
                < 5 => random.Next(10, 70),
                _ => random.Next(1, 10),
            };
            if (size >= remaining - 1 || random.Next(4) == 0 && remaining < 70)
            {
                size = remaining;
            }

            text.Append(Label(random, size, Lower + Digits));
            remaining -= size;
            if (remaining > 0)
            {
                text.Append('.');
                remaining--;
            }
        }

        return text.ToString();
    }

    /// <summary>An IANA service name of <paramref name="length"/> characters: a letter somewhere, no "--".</summary>
    private static string PortName(Random random, int length)
    {
        var name = new StringBuilder(Label(random, length, Lower + Digits).Replace("--", "-a"));
        if (!name.ToString().Any(c => c is >= 'a' and <= 'z') && name.Length > 0)
        {
            name[random.Next(name.Length)] = Lower[random.Next(26)];
        }

        return name.ToString();
    }

    /// <summary>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])? of <paramref name="length"/> characters.</summary>
    private static string LabelValue(Random random, int length)
    {
        var value = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var edge = i == 0 || i == length - 1;
            value.Append(edge || random.Next(5) != 0 ? (Lower + Upper + Digits)[random.Next(62)] : "-_."[random.Next(3)]);
        }

        return value.ToString();
    }

    /// <summary>Dotted digits: IPv4 addresses (some with leading zeros or octets above 255) and near misses.</summary>
    private static string Address(Random random)
    {
        var parts = random.Next(10) switch { 0 => 3, 1 => 5, _ => 4 };
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            text.Append(i == 0 ? "" : ".");
            var octet = random.Next(8) == 0 ? random.Next(256, 1000) : random.Next(0, 256);
            text.Append(random.Next(6) == 0 ? "00" : "").Append(octet.ToString(CultureInfo.InvariantCulture));
        }

        if (random.Next(8) == 0)
        {
            text.Append(Pick(random, ["a", ".com", "-1", ".", "0"]));
        }

        return text.ToString();
    }

    /// <summary>One or two small edits: a character inserted, replaced or removed, a '-' or '.' at an end, an uppercase letter, "--".</summary>
    private static string Mutate(Random random, string value, string pool)
    {
        var text = new StringBuilder(value);
        var at = random.Next(text.Length + 1);
        switch (random.Next(13))
        {
            case 0:
                text.Insert(at, pool[random.Next(pool.Length)]);
                break;
            case 1 when text.Length > 0:
                text[Math.Min(at, text.Length - 1)] = pool[random.Next(pool.Length)];
                break;
            case 2 when text.Length > 0:
                text.Remove(Math.Min(at, text.Length - 1), 1);
                break;
            case 3:
                text.Insert(0, '-');
                break;
            case 4:
                text.Append('-');
                break;
            case 5:
                text.Insert(random.Next(2) == 0 ? 0 : text.Length, '.');
                break;
            case 6:
                var letters = Enumerable.Range(0, text.Length).Where(i => text[i] is >= 'a' and <= 'z').ToList();
                if (letters.Count > 0)
                {
                    var i = letters[random.Next(letters.Count)];
                    text[i] = char.ToUpperInvariant(text[i]);
                }
                else
                {
                    text.Insert(at, 'A');
                }

                break;
            case 7:
                text.Insert(at, "--");
                break;
            case 8:
                text.Insert(at, '.');
                break;
            case 9:
                text.Append(text.Length > 0 ? text[^1] : 'a');
                break;
            case 10 when text.Length > 0:
                text[Math.Min(at, text.Length - 1)] = '_';
                break;
            case 11:
                text.Append('\n');
                break;
            default:
                text.Insert(at, '/');
                break;
        }

        return text.ToString();
    }

    private static void Fill(Random random, StringBuilder text, int count, string pool)
    {
        for (var i = 0; i < count; i++)
        {
            text.Append(pool[random.Next(pool.Length)]);
        }
    }

    private static string Junk(Random random, string pool, int length)
    {
        var text = new StringBuilder(length);
        Fill(random, text, length, pool);
        return text.ToString();
    }

    /// <summary>A string for a failure message: printable ASCII as is, anything else as \uXXXX, in quotes.</summary>
    public static string Show(string text) =>
        "\"" + string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture))) + "\"";

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
