namespace Hyperfleet.Contracts.Storage;

/// <summary>Body of <c>POST /api/v1/desktops/{id}/make-template</c>: the stopped desktop's disk becomes a new template.</summary>
/// <param name="TemplateId">Slug of the new template.</param>
/// <param name="Name">Free text (default: the id).</param>
public sealed record MakeTemplateRequest(string? TemplateId, string? Name = null);
