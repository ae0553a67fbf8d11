window.labyrintSearch.load("t-c",{"cas":"HuLA0X e en es"});
