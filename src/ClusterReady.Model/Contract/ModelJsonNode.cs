using System.Globalization;
using System.Text;

namespace ClusterReady.Model;

/// <summary>The kinds of JSON value (RFC 8259).</summary>
internal enum ModelJsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One value of a parsed JSON document: what <see cref="Contract.DeclarationJson"/> walks. The build tool is compiled Native AOT
/// and the runtime may read the declaration at start (an assembly without the runtime values), and System.Text.Json's
/// first use in a process that does not otherwise load it (a worker without appsettings.json, say) costs about 1 MiB of
/// working set and several milliseconds (docs/benchmarks.md); the declaration is a few kilobytes of JSON that the
/// generator wrote, so a small strict parser is all it takes.
/// </summary>
internal sealed class ModelJsonNode
{
    private static readonly List<KeyValuePair<string, ModelJsonNode>> NoMembers = [];
    private static readonly List<ModelJsonNode> NoItems = [];

    private readonly string? _text;
    private readonly List<KeyValuePair<string, ModelJsonNode>> _members;
    private readonly List<ModelJsonNode> _items;

    private ModelJsonNode(ModelJsonKind kind, string? text = null, List<KeyValuePair<string, ModelJsonNode>>? members = null, List<ModelJsonNode>? items = null)
    {
        Kind = kind;
        _text = text;
        _members = members ?? NoMembers;
        _items = items ?? NoItems;
    }

    public ModelJsonKind Kind { get; }

    /// <summary>The members of an object, in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, ModelJsonNode>> Members => _members;

    /// <summary>The items of an array.</summary>
    public IReadOnlyList<ModelJsonNode> Items => _items;

    /// <summary>The value of a string (null for other kinds).</summary>
    public string? String => Kind == ModelJsonKind.String ? _text : null;

    public bool TryGetInt32(out int value)
    {
        value = 0;
        return Kind == ModelJsonKind.Number && int.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == ModelJsonKind.Number && long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a whole JSON text strictly: one value, nothing but white space around it.</summary>
    /// <exception cref="FormatException">The text is not JSON; the message gives the offset.</exception>
    public static ModelJsonNode Parse(string json)
    {
        var parser = new Parser(json);
        var value = parser.Value(depth: 0);
        parser.SkipWhiteSpace();
        if (!parser.AtEnd)
        {
            throw parser.Error("text after the JSON value");
        }

        return value;
    }

    private ref struct Parser(string text)
    {
        // Far deeper than the model ever nests; bounds the recursion on hostile input.
        private const int MaxDepth = 64;

        private readonly string _text = text;
        private int _position;

        public readonly bool AtEnd => _position >= _text.Length;

        public ModelJsonNode Value(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("nesting deeper than " + MaxDepth);
            }

            SkipWhiteSpace();
            if (AtEnd)
            {
                throw Error("the end of the text where a value belongs");
            }

            switch (_text[_position])
            {
                case '{':
                    return Object(depth);
                case '[':
                    return Array(depth);
                case '"':
                    return new ModelJsonNode(ModelJsonKind.String, String());
                case 't':
                    Literal("true");
                    return new ModelJsonNode(ModelJsonKind.True);
                case 'f':
                    Literal("false");
                    return new ModelJsonNode(ModelJsonKind.False);
                case 'n':
                    Literal("null");
                    return new ModelJsonNode(ModelJsonKind.Null);
                default:
                    return new ModelJsonNode(ModelJsonKind.Number, Number());
            }
        }

        public void SkipWhiteSpace()
        {
            while (!AtEnd && _text[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
        }

        public readonly FormatException Error(string what) =>
            new($"The ClusterReady deployment model is not valid JSON: {what} at offset {_position}.");

        private ModelJsonNode Object(int depth)
        {
            _position++;
            var members = new List<KeyValuePair<string, ModelJsonNode>>();
            SkipWhiteSpace();
            if (Take('}'))
            {
                return new ModelJsonNode(ModelJsonKind.Object, members: members);
            }

            while (true)
            {
                SkipWhiteSpace();
                if (AtEnd || _text[_position] != '"')
                {
                    throw Error("no member name");
                }

                var name = String();
                SkipWhiteSpace();
                if (!Take(':'))
                {
                    throw Error("no ':' after a member name");
                }

                members.Add(new(name, Value(depth + 1)));
                SkipWhiteSpace();
                if (Take('}'))
                {
                    return new ModelJsonNode(ModelJsonKind.Object, members: members);
                }

                if (!Take(','))
                {
                    throw Error("no ',' or '}' after a member");
                }
            }
        }

        private ModelJsonNode Array(int depth)
        {
            _position++;
            var items = new List<ModelJsonNode>();
            SkipWhiteSpace();
            if (Take(']'))
            {
                return new ModelJsonNode(ModelJsonKind.Array, items: items);
            }

            while (true)
            {
                items.Add(Value(depth + 1));
                SkipWhiteSpace();
                if (Take(']'))
                {
                    return new ModelJsonNode(ModelJsonKind.Array, items: items);
                }

                if (!Take(','))
                {
                    throw Error("no ',' or ']' after an item");
                }
            }
        }

        private string String()
        {
            _position++;
            var start = _position;
            StringBuilder? escaped = null;
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("a string without its closing quote");
                }

                var c = _text[_position];
                if (c == '"')
                {
                    var tail = _text[start.._position];
                    _position++;
                    return escaped is null ? tail : escaped.Append(tail).ToString();
                }

                if (c < ' ')
                {
                    throw Error("a control character in a string");
                }

                if (c != '\\')
                {
                    _position++;
                    continue;
                }

                escaped ??= new StringBuilder();
                escaped.Append(_text, start, _position - start);
                _position++;
                if (AtEnd)
                {
                    throw Error("an escape at the end of the text");
                }

                var e = _text[_position++];
                switch (e)
                {
                    case '"': escaped.Append('"'); break;
                    case '\\': escaped.Append('\\'); break;
                    case '/': escaped.Append('/'); break;
                    case 'b': escaped.Append('\b'); break;
                    case 'f': escaped.Append('\f'); break;
                    case 'n': escaped.Append('\n'); break;
                    case 'r': escaped.Append('\r'); break;
                    case 't': escaped.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !ushort.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("a \\u escape without four hex digits");
                        }

                        // Surrogate pairs arrive as two escapes and are appended one half at a time.
                        escaped.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        _position--;
                        throw Error($"the unknown escape '\\{e}'");
                }

                start = _position;
            }
        }

        private string Number()
        {
            // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?
            var start = _position;
            Take('-');
            if (Take('0'))
            {
            }
            else if (!AtEnd && _text[_position] is >= '1' and <= '9')
            {
                Digits();
            }
            else
            {
                throw Error("no value");
            }

            if (Take('.') && Digits() == 0)
            {
                throw Error("no digit after a decimal point");
            }

            if (!AtEnd && _text[_position] is 'e' or 'E')
            {
                _position++;
                if (!Take('+'))
                {
                    Take('-');
                }

                if (Digits() == 0)
                {
                    throw Error("no digit in an exponent");
                }
            }

            return _text[start.._position];
        }

        private int Digits()
        {
            var start = _position;
            while (!AtEnd && _text[_position] is >= '0' and <= '9')
            {
                _position++;
            }

            return _position - start;
        }

        private void Literal(string literal)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                throw Error("no value");
            }

            _position += literal.Length;
        }

        private bool Take(char c)
        {
            if (!AtEnd && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }
    }
}
