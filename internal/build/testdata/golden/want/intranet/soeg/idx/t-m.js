window.labyrintSearch.load("t-m",{"medarbejd":"HuLAzO ere","mød":"FsE e"});
