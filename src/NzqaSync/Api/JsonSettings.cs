using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace NzqaSync.Api;

/// <summary>JSON as the APIs speak it: camelCase names, nulls left out, date-only values as yyyy-MM-dd.</summary>
public static class JsonSettings
{
    public static readonly JsonSerializerSettings Api = new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
        DateFormatString = "yyyy-MM-dd",
        DateTimeZoneHandling = DateTimeZoneHandling.Unspecified,
        DateParseHandling = DateParseHandling.None,
        MissingMemberHandling = MissingMemberHandling.Ignore,
    };
}
