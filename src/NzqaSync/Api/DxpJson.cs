using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Api;

/// <summary>
/// DXP's JSON, in one place: the contracts in <c>DxpContracts.cs</c> carry their own names; the domain's SDR records
/// (<see cref="IDxpRecord"/>, plain C#) are mapped by <see cref="DxpContractResolver"/>; dates as ISO-8601 with an
/// offset; nulls left out.
/// </summary>
public static class DxpJson
{
    public static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
    {
        ContractResolver = DxpContractResolver.Instance,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        FloatParseHandling = FloatParseHandling.Decimal,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    };

    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);
}

/// <summary>
/// The wire mapping of the domain's DXP records: only their sent fields (<see cref="DxpFields"/>), under their JSON
/// names, nulls left out, dates through <see cref="NzDateJsonConverter"/>. Every other type as its attributes say.
/// </summary>
public sealed class DxpContractResolver : DefaultContractResolver
{
    public static readonly DxpContractResolver Instance = new DxpContractResolver();

    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
    {
        if (!typeof(IDxpRecord).IsAssignableFrom(type) || type.IsInterface) return base.CreateProperties(type, memberSerialization);
        return DxpFields.Of(type).Select(f =>
        {
            var property = CreateProperty(f.Property, memberSerialization);
            property.PropertyName = f.Name;
            property.NullValueHandling = NullValueHandling.Ignore;
            if (f.Property.PropertyType == typeof(DateTime) || f.Property.PropertyType == typeof(DateTime?))
                property.Converter = NzDateJsonConverter.Instance;
            return property;
        }).ToList();
    }
}

/// <summary>Writes a New Zealand calendar date as UTC midnight of that date; reads any ISO-8601 value back to the calendar date.</summary>
public sealed class NzDateJsonConverter : JsonConverter
{
    public static readonly NzDateJsonConverter Instance = new NzDateJsonConverter();

    public override bool CanConvert(Type objectType) => objectType == typeof(DateTime) || objectType == typeof(DateTime?);

    public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
    {
        if (value == null) { writer.WriteNull(); return; }
        writer.WriteValue(NzDate.ToIso((DateTime)value));
    }

    public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                if (objectType == typeof(DateTime)) throw new JsonSerializationException("A date is required.");
                return null;
            case JsonToken.Date:
                // Json.NET may already have parsed the string (DateParseHandling.DateTime / DateTimeOffset); a
                // local-kind value there is an instant with an offset that Json.NET moved to this machine's zone.
                if (reader.Value is DateTimeOffset dto) return NzDate.FromWritten(dto);
                var dt = (DateTime)reader.Value;
                return dt.Kind == DateTimeKind.Local ? NzDate.FromInstant(new DateTimeOffset(dt)) : NzDate.FromDateTime(dt);
            case JsonToken.String:
                var text = (string)reader.Value;
                if (string.IsNullOrWhiteSpace(text) && objectType == typeof(DateTime?)) return null;
                return NzDate.Parse(text);
            default:
                throw new JsonSerializationException($"Unexpected token {reader.TokenType} for a date.");
        }
    }
}
