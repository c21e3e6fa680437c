import "pe"
rule P : t { meta: d = "}" strings: $h = { 4D 5A [2] } $r = /a}b/ condition: uint16(0) == 0x5a4d and $h and not $r }
rule E { condition: uint32(0) == 0x464c457f and filename matches /x/i }
