using System.Text.Json;
using System.Text.Json.Serialization;

namespace Anna.Server.Api;

/// <summary>
/// PUT /api/v1/policy: the shape of <see cref="PolicyDto"/>, every field optional (missing = keep).
/// Numbers are read as long so that an out-of-range value reaches validation and is named there,
/// rather than failing as "not JSON". Unknown fields are refused: a misspelt field silently
/// ignored would look like an accepted change.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyUpdateDto(
    string? Policy = null,
    long? MaxActionsPerSession = null,
    IReadOnlyList<string?>? RequireApproval = null,
    IReadOnlyList<string?>? AutoHeal = null,
    IReadOnlyList<string?>? NeverAutoHeal = null,
    long? ScanInterval = null,
    double? SettleSeconds = null,
    ScheduleUpdateDto? Schedule = null,
    RollbackUpdateDto? Rollback = null,
    CircuitBreakerUpdateDto? CircuitBreaker = null,
    // Read-only parts of a GET answer, accepted so a client can send back what it got; ignored.
    string? Path = null,
    bool? Valid = null,
    JsonElement? Errors = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScheduleUpdateDto(
    IReadOnlyList<long>? PreferredHours = null,
    IReadOnlyList<long>? AvoidHours = null,
    IReadOnlyList<long>? PreferredDays = null,
    IReadOnlyList<long>? AvoidDays = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RollbackUpdateDto(
    long? HistorySize = null,
    bool? AutoRollbackOnFailure = null,
    long? RollbackTimeoutMinutes = null);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CircuitBreakerUpdateDto(
    long? MaxFailures = null,
    long? FailureWindowMinutes = null);
