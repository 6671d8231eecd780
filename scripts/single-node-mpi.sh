# Sourced (not run) by scripts/run-local.sh and bench/*.sh: how Open MPI runs
# on one node here.
# - As root (CI, containers), Open MPI must be told that it may run.
# - The ob1 messaging layer over shared memory (vader): naming it skips Open
#   MPI's probing of the UCX/libfabric layers, 0.2 s of every start-up here
#   (bench/REPORT.md, section 3); on a cluster, leave the choice to the site.
# - More ranks than cores is the normal case (rank 0 mostly waits).
# - mpirun's own hwloc skips PCI discovery as the ranks do (decision 59), and
#   loads none of the plugins that pull in X11, OpenCL and libxml2 (decision 60;
#   the ranks set the same two values themselves, coordinator/launch_defaults.cpp).
if [[ $(id -u) -eq 0 ]]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader,tcp OMPI_MCA_rmaps_base_oversubscribe=1
export HWLOC_COMPONENTS=${HWLOC_COMPONENTS:--pci,-linuxio}
export HWLOC_PLUGINS_BLACKLIST=${HWLOC_PLUGINS_BLACKLIST:-hwloc_gl,hwloc_opencl,hwloc_pci,hwloc_xml_libxml}
