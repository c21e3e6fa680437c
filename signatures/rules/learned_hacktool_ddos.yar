// SPDX-License-Identifier: GPL-2.0-or-later
// HackTool.DDoS: rules learnt from the training corpus by signatures/tools/learn-rules.py
// (`iotguard db learn`), reviewed by hand. Regenerate, do not edit.

rule IoT_HackTool_DDoS_1 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v1"
    severity = "medium"
    description = "HackTool.DDoS malware (9 strings learnt from samples, variant v1): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 3 of 9 strings required, CPUs: X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "0123456789abcdefghijklmnopqrstuvzywxABCDEFGHIJKLMNOPQRSTUVZYWX|:. !#-/;&*'\""
    $s2 = "<>@o$:,.l+*^?=)(|AB&%;D{!wkUxzvutsrqp_nm-ihgfFCcba~K23456789eyd1XSNQWTZMIRHGVOYLjPJE/]["
    $s3 = "Error: setsockopt() - Cannot set HDRINCL!"
    $s4 = "SAzzw1TTH"
    $s5 = "setup_ip_header"
    $s6 = "sleeptime"
    $s7 = "setup_udp_header"
    $s8 = "Setting up Sockets..."
    $s9 = "Starting Flood..."
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 3 of them
}

rule IoT_HackTool_DDoS_2 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v2"
    severity = "medium"
    description = "HackTool.DDoS malware (6 strings learnt from samples, variant v2): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 3 of 6 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "%s src_ip dst_ip [ -s src_prt ] [ -t dst_prt ] [ -n how_many ]"
    $s2 = "What the hell kind of IP address is that?"
    $s3 = "Code ripped from teardrop by route / daemon9"
    $s4 = "Death on flaxen wings (yet again):"
    $s5 = "From: %15s.%5d"
    $s6 = "Nestea by humble"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 3 of them
}

rule IoT_HackTool_DDoS_3 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v3"
    severity = "medium"
    description = "HackTool.DDoS malware (6 strings learnt from samples, variant v3): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 2 of 6 strings required, CPUs: 386-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "   average bytes/second:  %d"
    $s2 = "<target ip> <target port>"
    $s3 = "Invalid target ip (%s)"
    $s4 = " (Bizden Aldiklarinizla Bize Sekil Yapmayin"
    $s5 = "The Villain Yubina Tcpsyn Flood 2012 New Version V.10.1 (Camfrog Nicname ( Yubina )"
    $s6 = "[35m   seconds active:        %d"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_HackTool_DDoS_4 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v4"
    severity = "medium"
    description = "HackTool.DDoS malware (16 strings learnt from samples, variant v4): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 7 of 16 strings required, CPUs: X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = " Window Size Length(s): [random] "
    $s2 = "Arka Planda Kacdefa Calisacak  (1 - "
    $s3 = "Daha Fazla Ayar Istermisin: [n] "
    $s4 = "Sahte Ip Araligi (88.236.0.0/16 )(s): [random] "
    $s5 = "Hedef Port Adresi(s): [random] "
    $s6 = "Problem parsing list on line "
    $s7 = "Hedef Sport (s): [random] "
    $s8 = "\t1\tMore Fragments (IP_MF)"
    $s9 = "Paket  TTL (s): [random] "
    $s10 = "Paket Id ID(s): [random] "
    $s11 = "Pre-computing packets... "
    $s12 = "Available MSS Options: "
    $s13 = "Mss Ayari(s): [random] "
    $s14 = "\t0\tNo Fragment (IP_DF)"
    $s15 = "Problem parsing input!"
    $s16 = "Hedef Ip Adresi(s): "
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 7 of them
}

rule IoT_HackTool_DDoS_5 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v5"
    severity = "medium"
    description = "HackTool.DDoS malware (7 strings learnt from samples, variant v5): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 3 of 7 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "open file /proc/net/dev/ error!"
    $s2 = "User-Agent: Mozilla/5.0+(compatible;+Baiduspider/2.0;++http://www.baidu.com/search/spider.html)"
    $s3 = "server is off..."
    $s4 = "Int Server..."
    $s5 = "no eth0 keyword to find!"
    $s6 = "dns.yjgost.com"
    $s7 = "Mr.Black"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 3 of them
}

rule IoT_HackTool_DDoS_6 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v6"
    severity = "medium"
    description = "HackTool.DDoS malware (6 strings learnt from samples, variant v6): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 2 of 6 strings required, CPUs: X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "sleeptime"
    $s2 = ":: cant open raw socket. got root?"
    $s3 = "Usage: %s <IP> <threads> <throttle, -1 for no throttle> <time>"
    $s4 = ":: sending all the packets.."
    $s5 = ":: motherfucking error."
    $s6 = "setup_ip_header"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_HackTool_DDoS_7 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v7"
    severity = "medium"
    description = "HackTool.DDoS malware (16 strings learnt from samples, variant v7): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 7 of 16 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "\t-f          : enable flooding  (ping -f)"
    $s2 = "\t-n <number> : number of pings to send"
    $s3 = "\t-s <size>   : ICMP_ECHO Packet Size [Default is 64]"
    $s4 = "\t-w <time>   : Wait time between packets [Default is 100]"
    $s5 = "\t<dest>      : destination of the flood message"
    $s6 = "\t<spoof>     : address of fake ICMP packet sender"
    $s7 = "# spoof-from address      : %s (%s)"
    $s8 = "# target address          : %s (%s)"
    $s9 = "%s [-f <-n number>] [-s packet size] [-w wait] <spoof> <dest>"
    $s10 = "flooding completed - %u packets sent."
    $s11 = "flooding. each dot equals 25 packets."
    $s12 = "# icmp echo packet size   : %u"
    $s13 = "# wait time between send  : %u"
    $s14 = "flooding... packet limit set."
    $s15 = "%s: Bad Packet Size '%s'"
    $s16 = "spoof address"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 7 of them
}

rule IoT_HackTool_DDoS_8 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v8"
    severity = "medium"
    description = "HackTool.DDoS malware (4 strings learnt from samples, variant v8): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 2 of 4 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "     Sending string 1ooo times to %s port %i... "
    $s2 = "This lil program exploits mIRC's bound sockets, making the client crash"
    $s3 = "Usage: %s <target> <port>"
    $s4 = "hanson.c - myn@efnet"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_HackTool_DDoS_9 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v9"
    severity = "medium"
    description = "HackTool.DDoS malware (12 strings learnt from samples, variant v9): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 5 of 12 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "%s: Cannot open scan level configuration: %s"
    $s2 = "%s: Cannot read configuration file: config/saint.cf"
    $s3 = "%s: Cannot read path file: config/paths.pl,paths.sh"
    $s4 = "%s: Failed. Expired license (saint.key)"
    $s5 = "%s: Failed. Incorrect license type (%s)"
    $s6 = "%s: Failed. Invalid key file (saint.key)"
    $s7 = "%s: Failed. Key file (saint.key) not found"
    $s8 = "%s: Failed. Target host cannot be resolved (%s)"
    $s9 = "%s: Failed. Unlicensed target host (%s)"
    $s10 = "%s: Reverting to old key (saintwriter.key)"
    $s11 = "SAINT_LEVEL"
    $s12 = "%s: Okay"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 5 of them
}

rule IoT_HackTool_DDoS_10 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v10"
    severity = "medium"
    description = "HackTool.DDoS malware (4 strings learnt from samples, variant v10): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 2 of 4 strings required, CPUs: 386-32-le, X86_64-64-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "[%i: cycle_identity -> signal NEWNYM"
    $s2 = "[Dosing ::  %s:%s]"
    $s3 = "AUTHENTICATE \"\""
    $s4 = "[%i: Voly Sent]"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 2 of them
}

rule IoT_HackTool_DDoS_11 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v11"
    severity = "medium"
    description = "HackTool.DDoS malware (12 strings learnt from samples, variant v11): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 5 of 12 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "[0;33mThe source/destination ports will increment by 1"
    $s2 = "[0;34mP.A.T.C.H. production - misteri0"
    $s3 = "sending packet from: %s:%i "
    $s4 = "[0;36mdst start port"
    $s5 = "[0;36msrc start port"
    $s6 = "[1;36mUsage: "
    $s7 = "[0;35mNote: "
    $s8 = "SetSockOpt:"
    $s9 = "[0;36mcount"
    $s10 = "[0;36mdstip"
    $s11 = "[0;36msrcip"
    $s12 = "RawSocket:"
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and 5 of them
}

rule IoT_HackTool_DDoS_12 : elf learned
{
  meta:
    family = "HackTool.DDoS"
    variant = "v12"
    severity = "medium"
    description = "HackTool.DDoS malware (1 strings learnt from samples, variant v12): remove the file, find how it arrived (default passwords, exposed telnet/SSH) and change the device's credentials"
    reference = "https://attack.mitre.org/techniques/T1498/"
    generated_by = "iotguard db learn"
    generated_from = "275 samples of HackTool.DDoS, 1 of 1 strings required, CPUs: 386-32-le"
    date = "2026-12-04"
    sample_1 = "01620b119ca692d389def0230809e53331503e406251a6f97782696f3cb358d6"
    sample_2 = "017d0275a9e94e1fdc399aaaa5577b4591cf607b73042201e6b9423b83bf3f3b"
    sample_3 = "0271b8d8a20c8b02cd221563d324ce8327629409c5630214f6c33cee93306e88"
  strings:
    $s1 = "Sending fragmented UDP flood."
  condition:
    uint32(0) == 0x464c457f and filesize < 4194304 and any of them
}
