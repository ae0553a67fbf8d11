window.labyrintSearch.load("t-r",{"recoveryorient":"Jse eret","rengøring":"LtU","respek":"P9W t","rest":"C5S en","resultat":"S4A er","ring":"FsA e","ro":"NvZ","råd":"F5G","rådgivning":"GxfDoLHzT"});
