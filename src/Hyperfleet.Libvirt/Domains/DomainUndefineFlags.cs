namespace Hyperfleet.Libvirt.Domains;

/// <summary>Flags for removing a domain's definition (<c>virDomainUndefineFlagsValues</c>).</summary>
[Flags]
public enum DomainUndefineFlags
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary><c>VIR_DOMAIN_UNDEFINE_MANAGED_SAVE</c>: also remove any managed save image.</summary>
    ManagedSave = 1 << 0,

    /// <summary><c>VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA</c>: also remove snapshot metadata.</summary>
    SnapshotsMetadata = 1 << 1,

    /// <summary><c>VIR_DOMAIN_UNDEFINE_NVRAM</c>: also remove the NVRAM file.</summary>
    Nvram = 1 << 2,

    /// <summary><c>VIR_DOMAIN_UNDEFINE_KEEP_NVRAM</c>: keep the NVRAM file.</summary>
    KeepNvram = 1 << 3,

    /// <summary><c>VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA</c>: also remove checkpoint metadata.</summary>
    CheckpointsMetadata = 1 << 4,
}
