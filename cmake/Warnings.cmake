# SPDX-License-Identifier: GPL-2.0-or-later
# Warnings every target of the project gets through iotguard_set_warnings().
function(iotguard_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor)
endfunction()
