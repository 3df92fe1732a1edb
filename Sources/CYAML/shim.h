#ifndef KSERVE_CANARY_CYAML_SHIM_H
#define KSERVE_CANARY_CYAML_SHIM_H
#include <yaml.h>
#endif
