using System.Globalization;
using System.Text;

namespace ClusterReady.Model.Contract;

/// <summary>
/// A minimal JSON writer (netstandard2.0 analyzers cannot count on System.Text.Json being loadable in every host).
/// Writes compact JSON with invariant formatting; null values are skipped by the callers.
/// </summary>
internal sealed class JsonWriter
{
    private readonly StringBuilder _builder = new();
    private bool _needsComma;

    public JsonWriter StartObject(string? property = null)
    {
        Property(property);
        _builder.Append('{');
        _needsComma = false;
        return this;
    }

    public JsonWriter EndObject()
    {
        _builder.Append('}');
        _needsComma = true;
        return this;
    }

    public JsonWriter StartArray(string property)
    {
        Property(property);
        _builder.Append('[');
        _needsComma = false;
        return this;
    }

    public JsonWriter EndArray()
    {
        _builder.Append(']');
        _needsComma = true;
        return this;
    }

    public JsonWriter String(string? property, string? value)
    {
        if (value is null)
        {
            return this;
        }

        Property(property);
        WriteString(value);
        _needsComma = true;
        return this;
    }

    public JsonWriter Number(string property, long? value)
    {
        if (value is null)
        {
            return this;
        }

        Property(property);
        _builder.Append(value.Value.ToString(CultureInfo.InvariantCulture));
        _needsComma = true;
        return this;
    }

    /// <summary>A JSON null (an array element when <paramref name="property"/> is null).</summary>
    public JsonWriter Null(string? property)
    {
        Property(property);
        _builder.Append("null");
        _needsComma = true;
        return this;
    }

    public JsonWriter Boolean(string property, bool value)
    {
        Property(property);
        _builder.Append(value ? "true" : "false");
        _needsComma = true;
        return this;
    }

    public override string ToString() => _builder.ToString();

    private void Property(string? name)
    {
        if (_needsComma)
        {
            _builder.Append(',');
        }

        if (name is not null)
        {
            WriteString(name);
            _builder.Append(':');
        }
    }

    private void WriteString(string value)
    {
        _builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _builder.Append("\\\""); break;
                case '\\': _builder.Append("\\\\"); break;
                case '\n': _builder.Append("\\n"); break;
                case '\r': _builder.Append("\\r"); break;
                case '\t': _builder.Append("\\t"); break;
                default:
                    if (c < ' ' || c is '\u2028' or '\u2029')
                    {
                        _builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _builder.Append(c);
                    }

                    break;
            }
        }

        _builder.Append('"');
    }
}
