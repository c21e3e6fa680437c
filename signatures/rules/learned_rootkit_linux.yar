// SPDX-License-Identifier: GPL-2.0-or-later
// Rootkit.Linux: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_Rootkit_Linux_1 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v1"
    severity = "high"
    description = "Rootkit.Linux malware (14 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 6 of 14 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $x1 = "**cliedlcm*Q'kW*Q'cW*Q'|W*6cd~oxlkio4*QQ6KL4W*6knnxoyy4W" xor(0x01-0xff)
    $s2 = "          EtherTalk Phase 2 addr:%s"
    $s3 = "          IPX/Ethernet 802.2 addr:%s"
    $s4 = "          IPX/Ethernet 802.3 addr:%s"
    $s5 = "          IPX/Ethernet II addr:%s"
    $s6 = "          IPX/Ethernet SNAP addr:%s"
    $s7 = "  [hw <HW> <address>]  [metric <NN>]  [mtu <NN>]"
    $s8 = "RX packets:%lu errors:%lu dropped:%lu overruns:%lu frame:%lu"
    $s9 = "TX packets:%lu errors:%lu dropped:%lu overruns:%lu carrier:%lu"
    $s10 = "  Outfill:%d  Keepalive:%d"
    $s11 = "ifconfig 1.39 (1999-03-18)"
    $s12 = "%-9.9s Link encap:%s  "
    $s13 = "SIOCSIFMETRIC: %s"
    $s14 = "net-tools 1.55"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 6 of them
}

rule IoT_Rootkit_Linux_2 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v2"
    severity = "high"
    description = "Rootkit.Linux malware (2 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 2 of 2 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "\tFreeBSD"
    $s2 = "ldfont.so.1"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_Rootkit_Linux_3 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v3"
    severity = "high"
    description = "Rootkit.Linux malware (16 strings learnt from samples, variant v3): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 7 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "\t[-o offset] [-w num] [-s secs] [-d type] <target>"
    $s2 = "-a\tthe stack address of the buffer is <addr>"
    $s3 = "-l\tthe length of the buffer is <len> [1024]"
    $s4 = "-o\tthe offset to return to is <offset> [600]"
    $s5 = "-p\trpc.statd serves requests on <port> [query]"
    $s6 = "-s\tset timeout in seconds to <secs> [5]"
    $s7 = "-t\tattack a tcp dispatcher [udp]"
    $s8 = "-w\tthe number of dwords to wipe is <num> [9]"
    $s9 = "Failed - statd returned res_stat: (%s) state: %d"
    $s10 = "Target address space contains a poison char"
    $s11 = "Usage: %s [-t] [-p port] [-a addr] [-l len]"
    $s12 = "buffer: %#lx length: %d (+str/+nul)"
    $s13 = "target: %#lx new: %#lx (offset: %d)"
    $s14 = "Redhat 6.2 (nfs-utils-0.1.6-2)"
    $s15 = "Redhat 6.0 (knfsd-1.2.2-4)"
    $s16 = "Redhat 6.1 (knfsd-1.4.7-7)"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 7 of them
}

rule IoT_Rootkit_Linux_4 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v4"
    severity = "high"
    description = "Rootkit.Linux malware (10 strings learnt from samples, variant v4): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 4 of 10 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "\ttargethost may either be name or ip."
    $s2 = "Connecting to nameserver via TCP.."
    $s3 = "Error: gethostbyname(): Unable to resolve [%s]"
    $s4 = "Shell found! Free to execute commands suffixed with a ';'"
    $s5 = "Usage:\t%s targethost [offset]"
    $s6 = "longueur shellcode : %i"
    $s7 = "cannot open tcp socket"
    $s8 = "Attente connexion..."
    $s9 = "taille buffer %i"
    $s10 = "adresse: 0x%lx"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 4 of them
}

rule IoT_Rootkit_Linux_5 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v5"
    severity = "high"
    description = "Rootkit.Linux malware (15 strings learnt from samples, variant v5): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 6 of 15 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "        -L, --netlink            display netlink kernel messages"
    $s2 = "        -a, --all, --listening   display all"
    $s3 = "       netstat [-vnNcaeo] [<Socket>]"
    $s4 = "       netstat { [-veenNac] -i | [-vnNc] -L | [-cnNe] -M }"
    $s5 = "+NEW_ADDRT +RTF_IRTT +RTF_REJECT +RT_NETLINK +FW_MASQUERADE -NLS"
    $s6 = "/proc/net/ipx dport format error"
    $s7 = "/proc/net/ipx sport format error"
    $s8 = "<Af>= -A {inet|ipx|netrom|ddp|ax25},... --inet --ipx --netrom --ddp --ax25"
    $s9 = "<Socket>={-t|--tcp} {-u|--udp} {-w|--raw} {-x|--unix} --ax25 --ipx --netrom"
    $s10 = "AF:(inet) +UNIX +INET +IPX -AX25 -NETROM -ATALK "
    $s11 = "Fred Baumgarten <dc6iq@insu1.etec.uni-karlsruhe.de> and Alan Cox."
    $s12 = "HW: +ETHER +ARC +SLIP +PPP +TUNNEL -TR -AX25 -NETROM -FR "
    $s13 = "INET CACHE: This needs to be written!"
    $s14 = "Iface   MTU Met  RX-OK RX-ERR RX-DRP RX-OVR  TX-OK TX-ERR TX-DRP TX-OVR Flags"
    $s15 = "Source: net-tools 1.32-alpha net-tools@lina.inka.de (Bernd Eckenfels)"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 6 of them
}

rule IoT_Rootkit_Linux_6 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v6"
    severity = "high"
    description = "Rootkit.Linux malware (15 strings learnt from samples, variant v6): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 6 of 15 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "      -cnewer FILE -ctime N -empty -false -fstype TYPE -gid N -group NAME"
    $s2 = "      -ilname PATTERN -iname PATTERN -inum N -ipath PATTERN -iregex PATTERN"
    $s3 = "      -maxdepth LEVELS -mindepth LEVELS -mount -noleaf --version -xdev"
    $s4 = "      -nouser -nogroup -path PATTERN -perm [+-]MODE -regex PATTERN"
    $s5 = "      -ok COMMAND ; -print -print0 -printf FORMAT -prune -ls"
    $s6 = "      -size N[bckw] -true -type [bcdpfls] -uid N -used N -user NAME"
    $s7 = "Usage: %s [path...] [expression]"
    $s8 = "actions: -exec COMMAND ; -fprint FILE -fprint0 FILE -fprintf FILE FORMAT"
    $s9 = "cannot return to starting directory"
    $s10 = "options (always true): -daystart -depth -follow --help"
    $s11 = "tests (N can be +N or -N or N): -amin N -anewer FILE -atime N -cmin N"
    $s12 = "wait got pid %d, expected pid %d"
    $s13 = "      -xtype [bcdpfls]"
    $s14 = "abcdfFgGhHiklmnpPstuU"
    $s15 = "GNU find version %s"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 6 of them
}

rule IoT_Rootkit_Linux_7 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v7"
    severity = "high"
    description = "Rootkit.Linux malware (16 strings learnt from samples, variant v7): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 7 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "$Info: This file is the propert of SH-crew team designed for test purposes. $"
    $s2 = "$Nr: SH- April/2003 produced in SH-labs for Linux Systems.Run and enjoy. $"
    $s3 = "ROOT LOGIN=EFUSED F'M`"
    $s4 = "xww 2>fz?\"Jnull(-&% ~D"
    $s5 = "q0=3456789ABCDEF"
    $s6 = "IVATE KEY h\tOR"
    $s7 = "9pptMtdv2rxx|"
    $s8 = "?__gmon_start"
    $s9 = "'E| O_NONBLK"
    $s10 = "_&utiAogwtmp"
    $s11 = " 3]4)rqkz&2"
    $s12 = " gMf comple"
    $s13 = "30lU`Qhltx"
    $s14 = "IQuig%; lo"
    $s15 = "c/topaU<Bs"
    $s16 = ":ospee|sa"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 7 of them
}

rule IoT_Rootkit_Linux_8 : elf learned
{
  meta:
    family = "Rootkit.Linux"
    variant = "v8"
    severity = "high"
    description = "Rootkit.Linux malware (2 strings learnt from samples, variant v8): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1014/"
    generated_by = "iotguard db learn"
    generated_from = "50 samples of Rootkit.Linux, 2 of 2 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "02c21644bcc9b4065a7eee733bbb813a230b9ddb56cc5b14b1e392755e4923d8"
    sample_2 = "03f831dfeeeade9dcac62e1eaad959c7714d7a40cb8c5727167c069f2836415f"
    sample_3 = "1df9e04494a889978ee7cf09c2d1323032a198296e5a89bf22cfc6e2917fdac5"
  strings:
    $s1 = "%s%s | /bin/egrep -v \"%s\""
    $s2 = "/usr/lib/libc/libph"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}
