uptime | grep -c up
